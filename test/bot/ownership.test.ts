/**
 * A clerk's draft is theirs (issue 8 §1), replayed as attacks through the public interface — the local Direct Line
 * and /api/messages of a running server — each asserting the refusal and that nothing changed in the store.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import sqlite from 'node-sqlite3-wasm';
import { loadSigningKey, Signer } from '../../bot/channels/signed.js';
import { emptyDraft } from '../../shared/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotServer, type BotServer } from '../../bot/server.js';
import { openStore, type Store } from '../../bot/store/index.js';
import { huaian2024 } from '../render/drafts.js';
import { actorTag } from '../../bot/engine/actors.js';
import { activitiesText, DirectLineClient, type DlActivity } from './support/directline-client.js';

const dirs: string[] = [];
const running = new Set<BotServer>();
afterAll(async () => {
  for (const s of running) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const AGENCY = '某市生态环境局';

/** A bot server on its own data directory; `restart` closes it and starts another on the same directory. */
async function bot(dataDir = mkdtempSync(join(tmpdir(), 'nianbao-own-'))) {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const server = await startBotServer({ port: 0, dataDir, env: {}, log: () => {} });
  running.add(server);
  return {
    server, dataDir, url: server.url,
    async stop() {
      running.delete(server);
      await server.close();
    },
  };
}

/** Reads the store of a stopped server. */
async function inStore<T>(dataDir: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Everything the store holds about a draft (to compare before and after an attack). */
async function snapshot(store: Store, draftId: string) {
  return {
    draft: await store.loadDraft(draftId), history: await store.history(draftId), access: await store.access(draftId),
  };
}

/** The server-issued user id of a Direct Line client (the `from` of its echoed messages). */
async function userOf(c: DirectLineClient): Promise<string> {
  const res = await fetch(`${c.base}/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
  const { activities } = await res.json() as { activities: DlActivity[] };
  return activities.find((a) => a.from.role === 'user')!.from.id;
}

async function stateOf(store: Store, c: DirectLineClient, user: string) {
  return (await store.loadConversation(JSON.stringify(['directline', c.conversationId, user])))?.state as { draftId?: string; current: string } | undefined;
}

/** A clerk with a draft of AGENCY 2024 that has an answer in it. */
async function owner(url: string) {
  const a = await DirectLineClient.start(url);
  for (const t of ['你好', AGENCY, '2024', '某市某路1号', '264200', '0631-1234567', '有数字要填', '4']) await a.send(t);
  return { client: a, user: await userOf(a) };
}

/** A new conversation of the same web-chat user (the ticket the page keeps). */
async function sameUser(url: string, c: DirectLineClient): Promise<DirectLineClient> {
  const base = `${url}v3/directline`;
  const h = { 'content-type': 'application/json' };
  const { ticket } = await (await fetch(`${base}/tokens/refresh`, { method: 'POST', headers: { ...h, authorization: `Bearer ${c.token}` } })).json() as { ticket: string };
  const g = await (await fetch(`${base}/tokens/generate`, { method: 'POST', headers: h, body: JSON.stringify({ ticket }) })).json() as { token: string; conversationId: string };
  expect((await fetch(`${base}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${g.token}` } })).status).toBe(201);
  const next = new DirectLineClient(base, g.token, g.conversationId);
  await next.poll();
  return next;
}

const choicesIn = (acts: readonly DlActivity[]) => acts.flatMap((a) => (a.attachments ?? []).flatMap((x) => x.content?.actions ?? []));

describe('a draft belongs to its owner', () => {
  it('someone else typing the same agency and year is not offered it, gets a new draft, and learns only that another exists', { timeout: 60_000 }, async () => {
    const b = await bot();
    const { client: a, user: ua } = await owner(b.url);
    await b.stop();
    const draftId = (await inStore(b.dataDir, async (s) => stateOf(s, a, ua)))!.draftId!;
    const before = await inStore(b.dataDir, (s) => snapshot(s, draftId));
    expect(before.access).toEqual({ owner: `dl:${ua}`, members: [] });

    const b2 = await bot(b.dataDir);
    const x = await DirectLineClient.start(b2.url);
    for (const t of ['你好', AGENCY]) await x.send(t);
    // the name says 局: the level is not asked, the year's answer is where drafts are offered
    const reply = await x.send('2024');
    const text = activitiesText(reply);
    expect(text).toContain('已有别人建立的草稿');
    expect(text).not.toContain('找到 1 份');
    expect(text).not.toContain('已填');
    expect(choicesIn(reply).some((c) => c.data.choice.startsWith('resume:'))).toBe(false);
    // in a second conversation the intruder is offered only the draft just made for them; a forged card submit
    // naming the owner's draft does not open it
    const again = await sameUser(b2.url, x);
    for (const t of ['你好', AGENCY]) await again.send(t);
    const offer = await again.send('2024');
    expect(activitiesText(offer)).toContain('找到 1 份');
    expect(choicesIn(offer).map((c) => c.data.choice)).not.toContain(`resume:${draftId}`);
    expect(activitiesText(await again.send({ value: { choice: `resume:${draftId}` } }))).not.toContain('接着上次的草稿继续');
    const ux = await userOf(x);
    await b2.stop();
    await inStore(b.dataDir, async (s) => {
      expect(await snapshot(s, draftId)).toEqual(before);
      const mine = await stateOf(s, x, ux);
      expect(mine?.draftId).toBeDefined();
      expect(mine?.draftId).not.toBe(draftId);
      expect((await s.access(mine!.draftId!))?.owner).toBe(`dl:${ux}`);
      expect((await s.findDrafts(AGENCY, 2024)).length).toBe(2);
      expect((await stateOf(s, again, ux))?.draftId).not.toBe(draftId);
      expect((await stateOf(s, again, ux))?.current).toBe('resume');
    });
  });

  it('the owner in a new conversation is offered it (same user, by the ticket the page keeps)', { timeout: 60_000 }, async () => {
    const b = await bot();
    const { client: a, user: ua } = await owner(b.url);
    // the page's token has expired: it asks for a new one with its ticket, and is the same user
    const again = await sameUser(b.url, a);
    expect(again.conversationId).not.toBe(a.conversationId);
    for (const t of ['你好', AGENCY]) await again.send(t);
    const offer = await again.send('2024');
    expect(activitiesText(offer)).toContain('找到 1 份');
    expect(await userOf(again)).toBe(ua);
    await b.stop();
  });

  it('an uploaded draft JSON of the same agency and year is not merged into someone else\'s draft', { timeout: 60_000 }, async () => {
    const b = await bot();
    const huaian = huaian2024();
    const a = await DirectLineClient.start(b.url);
    await a.send('你好');
    await upload(a, huaian);
    const ua = await userOf(a);
    await b.stop();
    const draftId = (await inStore(b.dataDir, async (s) => stateOf(s, a, ua)))!.draftId!;
    const before = await inStore(b.dataDir, (s) => snapshot(s, draftId));

    const b2 = await bot(b.dataDir);
    const x = await DirectLineClient.start(b2.url);
    await x.send('你好');
    const forged = { ...huaian, narrative: { ...huaian.narrative, 'overview.proactive': '被篡改的内容' } };
    const reply = activitiesText(await upload(x, forged));
    expect(reply).toContain('已有别人建立的草稿');
    const ux = await userOf(x);
    await b2.stop();
    await inStore(b.dataDir, async (s) => {
      expect(await snapshot(s, draftId)).toEqual(before);
      const mine = (await stateOf(s, x, ux))!.draftId!;
      expect(mine).not.toBe(draftId);
      expect((await s.loadDraft(mine))!.draft.narrative['overview.proactive']).toBe('被篡改的内容');
    });
  });

  it('a spoofed from.id — in a Direct Line activity, in tokens/generate, or on /api/messages — grants nothing', { timeout: 60_000 }, async () => {
    const b = await bot();
    const { client: a, user: ua } = await owner(b.url);
    await b.stop();
    const draftId = (await inStore(b.dataDir, async (s) => stateOf(s, a, ua)))!.draftId!;
    const before = await inStore(b.dataDir, (s) => snapshot(s, draftId));

    const b2 = await bot(b.dataDir);
    const base = `${b2.url}v3/directline`;
    // 1. an activity whose from names the owner
    const x = await DirectLineClient.start(b2.url);
    const post = async (text: string) => {
      const res = await fetch(`${base}/conversations/${x.conversationId}/activities`, {
        method: 'POST', headers: { authorization: `Bearer ${x.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, from: { id: ua, name: '冒充者' } }),
      });
      expect(res.status).toBe(200);
    };
    for (const t of ['你好', AGENCY, '2024']) await post(t);
    const seen = activitiesText(await x.poll());
    expect(seen).toContain('已有别人建立的草稿');
    expect(seen).not.toContain('找到 1 份');
    expect(await userOf(x)).not.toBe(ua);
    // 2. a token asked for in the owner's name (no Direct Line secret: the server picks the id)
    const g = await (await fetch(`${base}/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { id: ua } }) })).json() as { token: string };
    const claims = JSON.parse(Buffer.from(g.token.split('.')[0]!, 'base64url').toString('utf8')) as { u: string };
    expect(claims.u).not.toBe(ua);
    // 3. /api/messages (no app id: nothing vouches for the sender) naming the Direct Line channel, conversation and user
    const replies: unknown[] = [];
    const sink = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        try { replies.push(JSON.parse(body)); } catch { /* not JSON */ }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r"}');
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
    const serviceUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
    const statuses: number[] = [];
    for (const [i, text] of ['你好', AGENCY, '2024', '某市某路2号'].entries()) {
      const res = await fetch(`${b2.url}api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `m${i}`, text, channelId: 'directline', serviceUrl,
          from: { id: ua }, recipient: { id: 'nianbao' }, conversation: { id: a.conversationId },
        }),
      });
      statuses.push(res.status);
    }
    sink.close();
    // refused outright, or answered as a conversation of its own that is offered nothing
    if (statuses.every((s) => s === 200)) expect(JSON.stringify(replies)).toContain('已有别人建立的草稿');
    else expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    expect(JSON.stringify(replies)).not.toContain('找到 1 份');
    await b2.stop();
    await inStore(b.dataDir, async (s) => {
      expect(await snapshot(s, draftId)).toEqual(before);
      // the owner's conversation was not driven by the spoofed messages
      expect((await stateOf(s, a, ua))!.current).toBe('t2.rules.repealed');
    });
  });
});

describe('sharing', () => {
  it('「共享」 gives a one-time code: a colleague joins with it, a third person cannot reuse it, and the history says who answered', { timeout: 60_000 }, async () => {
    const b = await bot();
    const { client: a, user: ua } = await owner(b.url);
    const shared = activitiesText(await a.send('共享'));
    const code = /NB-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(shared)?.[0];
    expect(code, shared).toBeDefined();

    const colleague = await DirectLineClient.start(b.url);
    await colleague.send('你好');
    const joined = activitiesText(await colleague.send(code!.toLowerCase()));
    expect(joined).toContain(`已加入「${AGENCY}」2024 年度年报草稿`);
    await colleague.send('5'); // the colleague answers the next question (t2.rules.repealed)

    const third = await DirectLineClient.start(b.url);
    await third.send('你好');
    expect(activitiesText(await third.send(code!))).toContain('共享码无效、已经用过或已过期');
    // a colleague who is not the owner cannot hand out codes
    expect(activitiesText(await colleague.send('共享'))).toContain('只有草稿的建立人');
    const [uc, ut] = [await userOf(colleague), await userOf(third)];
    await b.stop();
    await inStore(b.dataDir, async (s) => {
      const draftId = (await stateOf(s, a, ua))!.draftId!;
      expect((await stateOf(s, colleague, uc))!.draftId).toBe(draftId);
      expect((await stateOf(s, third, ut))!.draftId).toBeUndefined();
      expect(await s.access(draftId)).toEqual({ owner: `dl:${ua}`, members: [`dl:${uc}`] });
      const h = await s.history(draftId);
      expect(h.find((e) => e.path === 'cells.t2.rules.issued')?.actor).toBe(`dl:${ua}`);
      expect(h.find((e) => e.path === 'cells.t2.rules.repealed')).toMatchObject({ value: '5', actor: `dl:${uc}` });
      expect(h.every((e) => e.actor === `dl:${ua}` || e.actor === `dl:${uc}`)).toBe(true);
    });
  });
});

describe('the history says who gave each answer', () => {
  /** A turn sent with the display name the page gives its user (webchat's `username`: from.name). */
  async function sayAs(c: DirectLineClient, name: string | undefined, text: string): Promise<string> {
    const res = await fetch(`${c.base}/conversations/${c.conversationId}/activities`, {
      method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, locale: 'zh-CN', from: { id: 'ignored', ...(name ? { name } : {}) } }),
    });
    expect(res.status).toBe(200);
    return activitiesText((await c.poll()).filter((a) => a.from.role === 'bot'));
  }

  it('two clerks edit one shared draft: 修改 and 历史 show 您, the colleague by name, an unnamed one as 同事 and a tag, never an id', { timeout: 60_000 }, async () => {
    const b = await bot();
    const li = await DirectLineClient.start(b.url);
    for (const t of ['你好', AGENCY, '2024', '某市某路1号 264200 0631-1234567', '有数字要填', '4']) await sayAs(li, '李文书', t);
    const code = (t: string) => /NB-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(t)![0];
    const wang = await DirectLineClient.start(b.url);
    await sayAs(wang, '王科员', '你好');
    expect(await sayAs(wang, '王科员', code(await sayAs(li, '李文书', '共享')))).toContain('已加入');
    await sayAs(wang, '王科员', '5'); // t2.rules.repealed
    await sayAs(wang, '王科员', '修改 t2.rules.issued');
    await sayAs(wang, '王科员', '6');
    // a third colleague whose page gives no name
    const third = await DirectLineClient.start(b.url);
    await sayAs(third, undefined, '你好');
    expect(await sayAs(third, undefined, code(await sayAs(li, '李文书', '共享')))).toContain('已加入');
    await sayAs(third, undefined, '修改 t2.rules.issued');
    await sayAs(third, undefined, '7');

    const [ul, uw, ut] = [await userOf(li), await userOf(wang), await userOf(third)];
    const tag = actorTag(`dl:${ut}`);
    const noIds = (text: string) => {
      for (const id of [ul, uw, ut]) expect(text).not.toContain(id);
      expect(text).not.toContain('dl:');
    };
    // 修改 of the cell: every earlier value with who gave it and when, newest first
    const edit = await sayAs(li, '李文书', '修改 t2.rules.issued');
    expect(edit).toMatch(new RegExp(`• \\d+月\\d+日 \\d\\d:\\d\\d 同事 ${tag}：7（当前）\\n• .*王科员：6\\n• .*您：4`, 'u'));
    expect(edit).toContain('[恢复第 1 版：4]');
    noIds(edit);
    // 历史: the draft's last changes, one line per turn, the clerk's own as 您
    const all = await sayAs(wang, '王科员', '历史');
    expect(all).toContain('这份草稿最近的填写记录');
    expect(all).toMatch(new RegExp(`同事 ${tag}：表二 第二十条第（一）项 规章·本年制发件数 ＝ 7`, 'u'));
    expect(all).toMatch(/您：表二 第二十条第（一）项 规章·本年制发件数 ＝ 6/u);
    expect(all).toMatch(/您：表二 第二十条第（一）项 规章·本年废止件数 ＝ 5/u);
    expect(all).toMatch(/李文书：表二 第二十条第（一）项 规章·本年制发件数 ＝ 4/u);
    expect(all).toMatch(/李文书：填写了 3 项（联系地址、邮政编码、联系电话）/u);
    noIds(all);
    // 历史 of one part by its name; a name nobody has
    const one = await sayAs(third, undefined, '历史 t2.rules.repealed');
    expect(one).toMatch(/「表二 第二十条第（一）项 规章·本年废止件数」的填写记录（新的在前）：\n• .*王科员：5（当前）/u);
    expect(await sayAs(third, undefined, '历史 不存在的部分')).toContain('没有找到“不存在的部分”');
    noIds(one);
    await b.stop();
    await inStore(b.dataDir, async (s) => {
      const draftId = (await stateOf(s, li, ul))!.draftId!;
      expect((await s.history(draftId, 'cells.t2.rules.issued')).map((e) => [e.value, e.actor])).toEqual([['4', `dl:${ul}`], ['6', `dl:${uw}`], ['7', `dl:${ut}`]]);
      expect(await s.names([`dl:${ul}`, `dl:${uw}`, `dl:${ut}`])).toEqual(new Map([[`dl:${ul}`, '李文书'], [`dl:${uw}`, '王科员']]));
    });
  });

  it('a colleague who takes a clerk\'s name is told apart by the tag', { timeout: 60_000 }, async () => {
    const b = await bot();
    const li = await DirectLineClient.start(b.url);
    for (const t of ['你好', AGENCY, '2024', '某市某路1号 264200 0631-1234567', '有数字要填', '4']) await sayAs(li, '李文书', t);
    const twin = await DirectLineClient.start(b.url);
    await sayAs(twin, '李文书', '你好');
    const shared = await sayAs(li, '李文书', '共享');
    await sayAs(twin, '李文书', /NB-[A-Z2-9-]{14}/.exec(shared)![0]);
    await sayAs(twin, '李文书', '5');
    const seen = await sayAs(twin, '李文书', '历史');
    // the owner is 李文书 with a tag (another identity uses the name); the clerk's own answer is 您
    expect(seen).toMatch(new RegExp(`李文书（${actorTag(`dl:${await userOf(li)}`)}）：表二`, 'u'));
    expect(seen).toMatch(/您：表二 第二十条第（一）项 规章·本年废止件数 ＝ 5/u);
    await b.stop();
  });
});

async function upload(c: DirectLineClient, draft: unknown): Promise<DlActivity[]> {
  const form = new FormData();
  form.append('file', new Blob([JSON.stringify(draft)], { type: 'application/json' }), 'draft.json');
  form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
  const res = await fetch(`${c.base}/conversations/${c.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: form });
  expect(res.status).toBe(200);
  return (await c.poll()).filter((x) => x.from.role === 'bot');
}

describe('transcript and links', () => {
  it('after a restart the page replays the stored transcript of its conversation', { timeout: 60_000 }, async () => {
    const b = await bot();
    const a = await DirectLineClient.start(b.url);
    for (const t of ['你好', AGENCY]) await a.send(t);
    const all = async (c: DirectLineClient) => (await (await fetch(`${c.base}/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } })).json()) as { activities: DlActivity[]; watermark: string };
    const first = await all(a);
    await b.stop();
    const b2 = await bot(b.dataDir);
    const moved = a.moved(b2.url);
    // the page reconnects (GET the conversation) and polls from the start, as webchat does after a reload
    expect((await fetch(`${moved.base}/conversations/${moved.conversationId}`, { headers: { authorization: `Bearer ${moved.token}` } })).status).toBe(200);
    const replay = await all(moved);
    expect(replay.activities).toEqual(first.activities);
    expect(replay.activities.filter((x) => x.from.role === 'user').map((x) => x.text)).toEqual(['你好', AGENCY]);
    // and goes on, numbering after what was stored
    moved.watermark = replay.watermark;
    const next = await moved.send('2024');
    expect(activitiesText(next)).toContain('已为「某市生态环境局」新建 2024 年度年报草稿');
    expect(Number(moved.watermark)).toBe(Number(replay.watermark) + 1 + next.length);
    await b2.stop();
  });

  it('a download link serves the draft version it was made for, not the latest', { timeout: 90_000 }, async () => {
    const b = await bot();
    const a = await DirectLineClient.start(b.url);
    await a.send('你好');
    // signed already: 完成 does not stop to ask for the 落款
    await upload(a, { ...huaian2024(), signature: { agency: '淮安市人民政府', date: '2025-03-20' } });
    const linkOf = (text: string) => /\((http:\/\/127\.0\.0\.1:\d+\/files\/[\w.-]+)\)/.exec(text)?.[1];
    const first = linkOf(activitiesText(await a.send('完成')));
    expect(first).toBeDefined();
    await a.send('修改 overview.proactive');
    const marker = '本年度还编制了政务公开标准目录。';
    const original = huaian2024().narrative['overview.proactive']!;
    const edited = activitiesText(await a.send(`${original}\n${marker}`));
    const keep = /保留/.test(edited) ? await a.send('keep') : undefined;
    void keep;
    const second = linkOf(activitiesText(await a.send('完成')));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const plain = async (link: string) => {
      const res = await fetch(link);
      expect(res.status).toBe(200);
      return strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!).replace(/<[^>]+>/g, '');
    };
    expect(await plain(second!)).toContain(marker);
    expect(await plain(first!)).not.toContain(marker);
    expect(await plain(first!)).toContain('淮安市人民政府2024年政府信息公开工作年度报告');
    await b.stop();
  });
});

describe('drafts stored before owners', () => {
  it('keep working for the conversation attached to them, whose clerk then owns them; others are not offered them', { timeout: 60_000 }, async () => {
    // a data directory as the bot left it before this change: no owners, no authors, no stored transcript
    const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-own-legacy-'));
    dirs.push(dataDir);
    const db = new sqlite.Database(join(dataDir, 'nianbao.sqlite'));
    const doc = JSON.stringify({ ...emptyDraft(2024, AGENCY, 'department'), agency: { name: AGENCY, level: 'department', address: '某路1号', postcode: '264200', phone: '0631-1234567' } });
    const state = JSON.stringify({ v: 1, current: 'gate.t2.rules', draftId: 'old-draft', start: { agency: AGENCY, year: 2024, level: 'department' }, gates: {}, skipped: [], accepted: [] });
    for (const sql of [
      `CREATE TABLE drafts (id TEXT PRIMARY KEY, agency_name TEXT NOT NULL, year INTEGER NOT NULL, doc TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE TABLE answers (seq INTEGER PRIMARY KEY AUTOINCREMENT, draft_id TEXT NOT NULL, path TEXT NOT NULL, value TEXT, version INTEGER NOT NULL, at TEXT NOT NULL)`,
      `CREATE TABLE conversations (key TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL)`,
      `INSERT INTO drafts VALUES ('old-draft', '${AGENCY}', 2024, '${doc}', 1, 'open', '2025-01-01T00:00:00.000Z')`,
      `INSERT INTO conversations VALUES ('["directline","old-conv","dl_old"]', '${state}', 5, '2025-01-01T00:00:00.000Z')`,
    ]) db.exec(sql);
    db.close();
    // the clerk's page still holds its token (the signing key is the data directory's)
    const signer = new Signer(loadSigningKey(dataDir, {}));
    const token = signer.sign('directline', { c: 'old-conv', u: 'dl_old', exp: Date.now() + 3600_000 });

    const b = await bot(dataDir);
    const old = new DirectLineClient(`${b.url}v3/directline`, token, 'old-conv');
    expect(activitiesText(await old.send('有数字要填'))).toContain('第二十条第（一）项');
    await old.send('7');
    const x = await DirectLineClient.start(b.url);
    await x.send('你好');
    await x.send(AGENCY);
    expect(activitiesText(await x.send('2024'))).toContain('已有别人建立的草稿');
    await b.stop();
    await inStore(dataDir, async (s) => {
      expect((await s.loadDraft('old-draft'))!.draft.cells['t2.rules.issued']).toBe('7');
      expect(await s.access('old-draft')).toEqual({ owner: 'dl:dl_old', members: [] });
      expect((await s.history('old-draft', 'cells.t2.rules.issued'))[0]?.actor).toBe('dl:dl_old');
    });
  });
});
