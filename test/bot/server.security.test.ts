/** The bot server's guards, in process: binding, Bot Framework JWT, serviceUrl list, Direct Line tokens, caps, links. */
import { createServer, type IncomingMessage } from 'node:http';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotServer, type BotServer } from '../../bot/server.js';
import { Signer } from '../../bot/channels/signed.js';

const dirs: string[] = [];
const servers: BotServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, host?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-sec-'));
  dirs.push(dataDir);
  const log: string[] = [];
  const server = await startBotServer({ port: 0, dataDir, env, log: (l) => log.push(l), ...(host ? { host } : {}) });
  servers.push(server);
  return { server, log, dataDir, url: server.url };
}

const teamsActivity = (serviceUrl: string) => ({
  type: 'message', id: 'm1', text: '你好', channelId: 'msteams', serviceUrl,
  from: { id: '29:1', aadObjectId: 'u1' }, recipient: { id: '28:bot' }, conversation: { id: 'a:1' },
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('binding', () => {
  it('with no MicrosoftAppId listens on 127.0.0.1 only, whatever host was asked, and says so', async () => {
    const { url, log } = await start({}, '0.0.0.0');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(log.join('\n')).toContain('未配置 MicrosoftAppId：只在本机');
  });
});

describe('/api/messages with a MicrosoftAppId', () => {
  it('401 without a token or with an invalid one; 403 for a serviceUrl not on the list; 413 over the cap', async () => {
    const { url, log } = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used', MicrosoftAppType: 'MultiTenant' }, '127.0.0.1');
    expect(log.join('\n')).not.toContain('只在本机');
    const post = (body: unknown, auth?: string) => fetch(`${url}api/messages`, {
      method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    });
    const ok = teamsActivity('https://smba.trafficmanager.net/apac/');
    expect((await post(ok)).status).toBe(401);
    expect((await post(ok, 'Bearer not-a-jwt')).status).toBe(401);
    // a well-formed JWT signed with a key of our own, claiming some other issuer
    const head = b64({ alg: 'HS256', typ: 'JWT' });
    const claims = b64({ iss: 'https://issuer.example/', aud: '00000000-0000-0000-0000-000000000001', exp: Math.floor(Date.now() / 1000) + 600 });
    const sig = createHmac('sha256', 'k').update(`${head}.${claims}`).digest('base64url');
    expect((await post(ok, `Bearer ${head}.${claims}.${sig}`)).status).toBe(401);
    expect((await post(teamsActivity('https://evil.example/'))).status).toBe(403);
    expect((await post(teamsActivity('http://127.0.0.1:1/'))).status).toBe(403);
    expect((await post('{"type":"message","text":"' + 'x'.repeat(1100 * 1024) + '"}')).status).toBe(413);
    expect((await fetch(`${url}api/messages`)).status).toBe(405);
  });
});

describe('/api/messages with no app id and NIANBAO_EMULATOR=1 (Bot Framework Emulator on this machine)', () => {
  it('replies through CloudAdapter to a connector on loopback', async () => {
    const received: { path: string; body: { text?: string; type: string } }[] = [];
    const connector = createServer((req: IncomingMessage, res) => {
      let s = '';
      req.on('data', (c) => (s += c)).on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(s) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r1"}');
      });
    });
    await new Promise<void>((r) => connector.listen(0, '127.0.0.1', () => r()));
    try {
      const { url } = await start({ NIANBAO_EMULATOR: '1' }); // the Emulator's connector is on a loopback port of its own
      const port = (connector.address() as AddressInfo).port;
      const res = await fetch(`${url}api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...teamsActivity(`http://127.0.0.1:${port}/`), channelId: 'emulator' }),
      });
      expect(res.status).toBe(200);
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]!.path).toMatch(/^\/v3\/conversations\/a%3A1\/activities/);
      expect(received.map((r) => r.body.text ?? '').join('\n')).toContain('单位的全称');
    } finally {
      connector.close();
    }
  });
});

describe('Direct Line', () => {
  it('needs a token it issued, for that conversation; caps bodies', async () => {
    const { url } = await start();
    const dl = `${url}v3/directline`;
    const a = await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json() as { token: string; conversationId: string };
    const b = await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json() as { token: string; conversationId: string };
    expect(a.conversationId).not.toBe(b.conversationId);
    expect((await fetch(`${dl}/conversations`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: 'Bearer forged.token' } })).status).toBe(403);
    expect((await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` } })).status).toBe(201);
    // b's token does not open a's conversation
    expect((await fetch(`${dl}/conversations/${a.conversationId}/activities?watermark=`, { headers: { authorization: `Bearer ${b.token}` } })).status).toBe(403);
    const got = await (await fetch(`${dl}/conversations/${a.conversationId}/activities?watermark=`, { headers: { authorization: `Bearer ${a.token}` } })).json() as { activities: { text?: string }[]; watermark: string };
    expect(got.activities[0]!.text).toContain('年报助手');
    const again = await (await fetch(`${dl}/conversations/${a.conversationId}/activities?watermark=${got.watermark}`, { headers: { authorization: `Bearer ${a.token}` } })).json() as { activities: unknown[] };
    expect(again.activities).toEqual([]);
    const big = await fetch(`${dl}/conversations/${a.conversationId}/activities`, {
      method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
    });
    expect(big.status).toBe(413);
    const refreshed = await (await fetch(`${dl}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` } })).json() as { conversationId: string };
    expect(refreshed.conversationId).toBe(a.conversationId);
  });

  it('with NIANBAO_DIRECTLINE_SECRET, tokens are generated only for the secret', async () => {
    const { url } = await start({ NIANBAO_DIRECTLINE_SECRET: 'a-long-direct-line-secret-for-tests' });
    expect((await fetch(`${url}v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${url}v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: 'Bearer a-long-direct-line-secret-for-tests' } })).status).toBe(200);
  });
});

describe('download links and the page', () => {
  it('forged or expired links are refused', async () => {
    const { url, dataDir } = await start();
    expect((await fetch(`${url}files/${'A'.repeat(40)}.${'B'.repeat(43)}`)).status).toBe(404);
    const key = Buffer.from(readFileSync(join(dataDir, 'bot-signing-key'), 'utf8').trim(), 'base64url');
    const signer = new Signer(key);
    const expired = signer.sign('download', { d: 'x', v: 1, f: 'a.docx', exp: Date.now() - 1000 });
    expect((await fetch(`${url}files/${expired}`)).status).toBe(404);
    // a Direct Line token is not a download link
    const dlToken = signer.sign('directline', { c: 'x', u: 'y', exp: Date.now() + 60_000 });
    expect((await fetch(`${url}files/${dlToken}`)).status).toBe(404);
  });

  it('serves a Chinese page and webchat from this server only', async () => {
    const { url } = await start();
    const page = await fetch(url);
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('年报助手');
    expect(html).not.toMatch(/src="https?:/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const wc = await fetch(`${url}webchat/webchat.js`);
    expect(wc.status).toBe(200);
    expect((await wc.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    expect((await fetch(`${url}nope`)).status).toBe(404);
  });
});
