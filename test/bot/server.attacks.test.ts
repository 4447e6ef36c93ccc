/**
 * Issue 8 §2–§3: the attacks a web page in the clerk's browser (or a careless client) could make on the local bot,
 * replayed over HTTP. Each asserts the refusal, that no reply went anywhere, and that nothing reached the store.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import sqlite from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotServer, type BotServer } from '../../bot/server.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Started { server: BotServer; url: string; port: number; dataDir: string; log: string[] }

async function start(env: Record<string, string> = {}): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-attack-'));
  dirs.push(dataDir);
  const log: string[] = [];
  const server = await startBotServer({ port: 0, dataDir, env, log: (l) => log.push(l) });
  return { server, url: server.url, port: Number(new URL(server.url).port), dataDir, log };
}

/** Rows in the store's tables, read from the file after the server closed. */
function rows(dataDir: string): Record<string, number> {
  const db = new sqlite.Database(join(dataDir, 'nianbao.sqlite'));
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE'); // WAL without shared memory, as the bot opens it
    const n = (t: string) => Number((db.get(`SELECT count(*) AS n FROM ${t}`) as { n: number }).n);
    return { drafts: n('drafts'), answers: n('answers'), conversations: n('conversations') };
  } finally {
    db.close();
  }
}

/** A raw request (node:http, so that Host and Origin can be what an attacker's page would make them). */
function raw(url: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method: opts.method ?? 'POST', headers: opts.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A stand-in for a program on another loopback port that a page would make the bot post to. */
let victim: Server;
let victimPort = 0;
const received: string[] = [];
beforeAll(async () => {
  victim = createServer((req: IncomingMessage, res) => {
    received.push(req.url ?? '');
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}');
  });
  await new Promise<void>((r) => victim.listen(0, '127.0.0.1', () => r()));
  victimPort = (victim.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => victim.close(() => r())));

const activity = (serviceUrl: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  type: 'message', id: 'm1', text: '你好', channelId: 'emulator', serviceUrl,
  from: { id: 'u1' }, recipient: { id: 'bot' }, conversation: { id: 'c1' }, ...extra,
});

describe('/api/messages in local mode (no MicrosoftAppId)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start({ NIANBAO_EMULATOR: '1' }); // even with the Emulator let in, a page cannot get through
  });

  it('refuses a cross-site text/plain POST (no preflight needed for it)', async () => {
    const r = await raw(s.url, '/api/messages', {
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      body: activity(`http://127.0.0.1:${victimPort}/`),
    });
    expect(r.status).toBe(403);
    const plain = await raw(s.url, '/api/messages', { headers: { 'content-type': 'text/plain' }, body: activity(`http://127.0.0.1:${victimPort}/`) });
    expect(plain.status).toBe(415);
  });

  it('refuses a JSON POST with a foreign Origin', async () => {
    const r = await raw(s.url, '/api/messages', {
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: activity(`http://127.0.0.1:${victimPort}/`),
    });
    expect(r.status).toBe(403);
    expect(r.text).toContain('不接受来自其他网站的请求');
  });

  it('refuses a request whose Host is not this server (DNS rebinding), on every endpoint', async () => {
    const host = `rebind.evil.example:${s.port}`;
    const msg = await raw(s.url, '/api/messages', { headers: { host, 'content-type': 'application/json' }, body: activity(`http://127.0.0.1:${victimPort}/`) });
    expect(msg.status).toBe(403);
    // same-origin for the browser after rebinding, so Origin alone would not catch it
    const token = await raw(s.url, '/v3/directline/tokens/generate', { headers: { host, origin: `http://${host}` } });
    expect(token.status).toBe(403);
    expect(token.text).not.toContain('token');
    expect((await raw(s.url, '/', { method: 'GET', headers: { host } })).status).toBe(403);
    // and the right names still work
    for (const h of [`127.0.0.1:${s.port}`, `localhost:${s.port}`]) {
      expect((await raw(s.url, '/v3/directline/tokens/generate', { headers: { host: h, origin: `http://${h}` } })).status).toBe(200);
    }
  });

  it('refuses Direct Line calls from a foreign page', async () => {
    const r = await raw(s.url, '/v3/directline/tokens/generate', { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(403);
    expect(r.text).not.toContain('token');
  });

  it('a well-formed local request still gets through (the Emulator with NIANBAO_EMULATOR=1)', async () => {
    const before = received.length;
    const r = await raw(s.url, '/api/messages', { headers: { 'content-type': 'application/json' }, body: activity(`http://127.0.0.1:${victimPort}/`, { conversation: { id: 'ok' } }) });
    expect(r.status).toBe(200);
    expect(received.length).toBeGreaterThan(before);
  });

  it('none of the refused requests reached the victim or the store', async () => {
    expect(received.every((p) => p.includes('/ok/'))).toBe(true);
    await s.server.close();
    const n = rows(s.dataDir);
    expect(n.drafts).toBe(0);
    expect(n.conversations).toBe(1); // the one well-formed conversation above
  });
});

describe('serviceUrl in local mode', () => {
  it('only the server\'s own address is a valid serviceUrl: another loopback port is refused', async () => {
    const s = await start();
    try {
      const before = received.length;
      const foreign = await raw(s.url, '/api/messages', { headers: { 'content-type': 'application/json' }, body: activity(`http://127.0.0.1:${victimPort}/`) });
      expect(foreign.status).toBe(403);
      expect(foreign.text).toContain('serviceUrl');
      const other = await raw(s.url, '/api/messages', { headers: { 'content-type': 'application/json' }, body: activity(`http://localhost:${victimPort}/anything`) });
      expect(other.status).toBe(403);
      expect(received.length).toBe(before);
    } finally {
      await s.server.close();
    }
    expect(rows(s.dataDir)).toEqual({ drafts: 0, answers: 0, conversations: 0 });
  });
});

describe('malformed activities get 400, not 500', () => {
  it('bad JSON and attachments that are not an array, on Direct Line, its upload and /api/messages', async () => {
    const s = await start({ NIANBAO_EMULATOR: '1' });
    try {
      const dl = `${s.url}v3/directline`;
      const t = await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json() as { token: string; conversationId: string };
      const auth = { authorization: `Bearer ${t.token}` };
      const post = (body: string) => raw(s.url, `/v3/directline/conversations/${t.conversationId}/activities`, { headers: { ...auth, 'content-type': 'application/json' }, body });
      expect((await post('{"type":"message",')).status).toBe(400);
      const notArray = await post(JSON.stringify({ type: 'message', text: '你好', attachments: 'x' }));
      expect(notArray.status).toBe(400);
      expect(notArray.text).toContain('attachments');
      expect((await post(JSON.stringify({ type: 'message', attachments: { length: 1 } }))).status).toBe(400);
      expect((await post(JSON.stringify({ type: 'message', attachments: [null] }))).status).toBe(400);
      expect((await post(JSON.stringify({ type: 'message', text: 5 }))).status).toBe(400);

      const boundary = 'b0undary';
      const multipart = (activityJson: string) => Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="activity"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n${activityJson}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n{}\r\n--${boundary}--\r\n`,
      );
      const upload = (activityJson: string) => raw(s.url, `/v3/directline/conversations/${t.conversationId}/upload`, {
        headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipart(activityJson),
      });
      expect((await upload('{not json')).status).toBe(400);
      expect((await upload('"a string"')).status).toBe(400);

      const api = await raw(s.url, '/api/messages', { headers: { 'content-type': 'application/json' }, body: activity(`http://127.0.0.1:${victimPort}/`, { attachments: 'x' }) });
      expect(api.status).toBe(400);
      expect((await raw(s.url, '/api/messages', { headers: { 'content-type': 'application/json' }, body: '{"type":' })).status).toBe(400);
      expect(s.log.join('\n')).not.toContain('请求出错');
    } finally {
      await s.server.close();
    }
    expect(rows(s.dataDir)).toEqual({ drafts: 0, answers: 0, conversations: 0 });
  });
});

describe('with a MicrosoftAppId, a refused request is one log line', () => {
  it('no stack trace on stderr or in the log', async () => {
    const s = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used', MicrosoftAppType: 'MultiTenant' });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      const body = activity('https://smba.trafficmanager.net/apac/', { channelId: 'msteams' });
      const before = s.log.length;
      const r = await raw(s.url, '/api/messages', { headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-jwt' }, body });
      expect(r.status).toBe(401);
      const lines = s.log.slice(before);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^拒绝了请求 POST \/api\/messages：401/);
      expect(lines[0]).not.toContain('\n');
      expect(errors).toEqual([]);
    } finally {
      console.error = original;
      await s.server.close();
    }
  });
});
