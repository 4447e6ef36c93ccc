/**
 * 「共享 @张三」 on Teams (issue 8 §1): the owner invites a colleague by @mention, who is then offered the draft in
 * their own chat; a mention Teams gives no Entra object id for, one from another tenant, or one on a channel whose
 * mentions are only what the client wrote, gets the one-time code instead, with the reason. Teams-shaped activities
 * through botbuilder's TestAdapter, the real bot layer, engine and store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInterviewer } from '../../bot/engine/index.js';
import { openStore, type Store } from '../../bot/store/index.js';
import { NianbaoBot } from '../../bot/channels/bot.js';
import { mentionsOf } from '../../bot/channels/identity.js';

let dir: string;
let store: Store;
let bot: NianbaoBot;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-invite-'));
  store = await openStore({ dataDir: dir });
  bot = new NianbaoBot({
    interviewer: createInterviewer(store),
    attachments: { hosts: [], maxBytes: 1024 },
    link: (d, v, f) => `http://127.0.0.1:3978/files/${d}.${v}.${encodeURIComponent(f)}`,
    linkHours: 24,
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const TENANT = 'tenant-4f1c';
const AGENCY = '某市生态环境局';
const BOT = { id: '28:bot', name: '年报助手' };
interface User { id: string; aadObjectId?: string; name: string }
const LI: User = { id: '29:1abc', aadObjectId: 'aad-user-1', name: '李文书' };
const WANG: User = { id: '29:2xyz', aadObjectId: 'aad-user-2', name: '王科员' };

/** One user's personal chat with the bot in TENANT (Teams puts the tenant in channelData and the conversation). */
function chat(user: User, conversationId: string, channelId = 'msteams') {
  const adapter = new TestAdapter((ctx) => bot.run(ctx), {
    channelId, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '', tenantId: TENANT },
    user: { id: user.id, name: user.name }, bot: BOT, serviceUrl: 'https://smba.trafficmanager.net/apac/',
  } as never);
  return async (activity: Partial<Activity> | string): Promise<string> => {
    adapter.activeQueue.length = 0;
    const a = typeof activity === 'string' ? { type: 'message', text: activity } : activity;
    await adapter.processActivity({ from: user, recipient: BOT, channelData: { tenant: { id: TENANT } }, ...a } as Partial<Activity>);
    return adapter.activeQueue.map((x) => [x.text ?? '', ...(x.attachments ?? []).map((y) => JSON.stringify(y.content))].join('\n')).join('\n');
  };
}

/** 「共享 @…」 as Teams sends it: the mentions as <at> tags in the text and as entities. */
function shareWith(...people: { id: string; name: string; aadObjectId?: string; tenantId?: string }[]): Partial<Activity> {
  return {
    type: 'message', text: `共享 ${people.map((p) => `<at>${p.name}</at>`).join(' ')}`,
    entities: people.map((p) => ({ type: 'mention', mentioned: p, text: `<at>${p.name}</at>` })),
  };
}

async function draftOf(channelId: string, conversationId: string, userId: string): Promise<string> {
  const conv = await store.loadConversation(JSON.stringify([channelId, conversationId, userId]));
  return (conv!.state as { draftId: string }).draftId;
}

describe('「共享 @同事」 on Teams', () => {
  it('the owner invites a colleague by @mention: the colleague is a member at once, is offered the draft, and the history names both', async () => {
    const li = chat(LI, 'a:li');
    for (const t of ['你好', AGENCY, '2024', '某市某路1号 264200 0631-1234567', '有数字要填']) await li(t);
    await li('4');
    const draftId = await draftOf('msteams', 'a:li', 'aad-user-1');

    const said = await li(shareWith({ ...WANG }));
    expect(said).toContain(`已邀请 王科员 一起填写「${AGENCY}」2024 年度年报草稿`);
    expect(said).not.toMatch(/NB-[A-Z2-9]{4}/); // no code needed
    expect(await store.access(draftId)).toEqual({ owner: `teams:${TENANT}:aad-user-1`, members: [`teams:${TENANT}:aad-user-2`] });
    // inviting again changes nothing and says so
    expect(await li(shareWith({ ...WANG }))).toContain('王科员 已经可以填写这份草稿了');

    // the colleague, in their own chat, is offered the draft and answers in it
    const wang = chat(WANG, 'a:wang');
    for (const t of ['你好', AGENCY]) await wang(t);
    const offer = await wang('2024');
    expect(offer).toContain('找到 1 份');
    expect(offer).toContain(`resume:${draftId}`);
    expect(await wang({ type: 'message', value: { choice: `resume:${draftId}` } })).toContain('接着上次的草稿继续');
    await wang('修改 t2.rules.issued');
    await wang('6');
    const h = await store.history(draftId, 'cells.t2.rules.issued');
    expect(h.map((e) => [e.value, e.actor])).toEqual([['4', `teams:${TENANT}:aad-user-1`], ['6', `teams:${TENANT}:aad-user-2`]]);

    // the owner sees who changed the answer, by the name Teams gave, never the Entra object id
    const edit = await li('修改 t2.rules.issued');
    expect(edit).toMatch(/王科员：6（当前）/);
    expect(edit).toMatch(/您：4/);
    expect(edit).not.toContain('aad-user');
    const wangView = await wang('历史 t2.rules.issued');
    expect(wangView).toMatch(/您：6（当前）/);
    expect(wangView).toMatch(/李文书：4/);
  });

  it('only the owner invites; a mention with no Entra object id or from another tenant gets the code instead, with the reason', async () => {
    const li = chat(LI, 'a:li2');
    for (const t of ['你好', AGENCY, '2024']) await li(t);
    const draftId = await draftOf('msteams', 'a:li2', 'aad-user-1');

    const noId = await li(shareWith({ id: '29:3nop', name: '赵主任' }));
    expect(noId).toContain('Teams 没有给出 赵主任 的账号标识');
    expect(noId).toMatch(/共享码：NB-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    const foreign = await li(shareWith({ id: '29:4qrs', name: '外单位', aadObjectId: 'aad-other', tenantId: 'tenant-other' }));
    expect(foreign).toContain('外单位 不在本单位的 Teams 组织中');
    expect(foreign).toMatch(/NB-[A-Z2-9]{4}/);
    // the owner mentioning themselves, and the bot's own mention, invite nobody
    const self = await li({
      type: 'message', text: '<at>年报助手</at> 共享 <at>李文书</at>',
      entities: [{ type: 'mention', mentioned: BOT, text: '<at>年报助手</at>' }, { type: 'mention', mentioned: LI, text: '<at>李文书</at>' }],
    });
    expect(self).toContain('不用邀请自己');
    expect((await store.access(draftId))?.members).toEqual([]);

    // a member who joined by code cannot invite others
    const code = /NB-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(noId)![0];
    const wang = chat(WANG, 'a:wang2');
    await wang('你好');
    expect(await wang(code)).toContain('已加入');
    expect(await wang(shareWith({ id: '29:5tuv', name: '孙科长', aadObjectId: 'aad-user-5' }))).toContain('只有草稿的建立人');
    expect((await store.access(draftId))?.members).toEqual([`teams:${TENANT}:aad-user-2`]);
  });

  it('a mention on a channel that does not vouch for ids (Direct Line, web chat), or none at all, gets the code', async () => {
    const dl = chat({ id: 'dl_owner', name: '李文书' }, 'dl:1', 'directline');
    for (const t of ['你好', AGENCY, '2024']) await dl(t);
    const mentioned = await dl({
      type: 'message', text: '共享 @王科员',
      entities: [{ type: 'mention', mentioned: { id: 'dl_someone', name: '王科员' }, text: '@王科员' }],
    });
    expect(mentioned).toContain('在这里无法确认 @王科员 是谁');
    expect(mentioned).toMatch(/NB-[A-Z2-9]{4}/);
    const typed = await dl('共享 @王科员');
    expect(typed).toContain('消息里没有 @提及 的同事');
    expect(typed).toMatch(/NB-[A-Z2-9]{4}/);
    const draftId = await draftOf('directline', 'dl:1', 'dl_owner');
    expect((await store.access(draftId))?.members).toEqual([]);
  });
});

describe('a mention without an Entra object id: the roster', () => {
  it('fills it in where Teams knows the member (same tenant), and a member of another tenant is refused', async () => {
    const asked: string[] = [];
    bot = new NianbaoBot({
      interviewer: createInterviewer(store), attachments: { hosts: [], maxBytes: 1024 }, link: () => 'http://127.0.0.1/x', linkHours: 24,
      roster: async (_context, id) => {
        asked.push(id);
        if (id === '29:3nop') return { aadObjectId: 'aad-user-3', tenantId: TENANT };
        if (id === '29:4qrs') return { aadObjectId: 'aad-other', tenantId: 'tenant-other' };
        throw new Error('not a member');
      },
    });
    const li = chat(LI, 'a:li3');
    for (const t of ['你好', AGENCY, '2024']) await li(t);
    const draftId = await draftOf('msteams', 'a:li3', 'aad-user-1');
    const said = await li(shareWith({ id: '29:3nop', name: '赵主任' }, { id: '29:4qrs', name: '外单位' }, { id: '29:9zzz', name: '查无此人' }));
    expect(said).toContain('已邀请 赵主任');
    expect(said).toContain('外单位 不在本单位的 Teams 组织中');
    expect(said).toContain('Teams 没有给出 查无此人 的账号标识');
    expect(said).toMatch(/NB-[A-Z2-9]{4}/);
    expect((await store.access(draftId))?.members).toEqual([`teams:${TENANT}:aad-user-3`]);
    // only a share message asks the roster, and never about the bot or a mention that carries its id
    await li({ type: 'message', text: '<at>年报助手</at> 进度 <at>赵主任</at>', entities: [{ type: 'mention', mentioned: BOT }, { type: 'mention', mentioned: { id: '29:3nop', name: '赵主任' } }] });
    await li(shareWith({ ...WANG }));
    expect(asked).toEqual(['29:3nop', '29:4qrs', '29:9zzz']);
  });
});

describe('mentionsOf', () => {
  const base = { channelId: 'msteams', recipient: BOT, conversation: { id: 'c', tenantId: TENANT } } as Partial<Activity>;
  it('gives the principal a mentioned Teams user would have as a sender, and skips the bot', () => {
    const a = { ...base, entities: [
      { type: 'mention', mentioned: BOT },
      { type: 'mention', mentioned: { id: '29:2xyz', name: '王科员', aadObjectId: 'aad-user-2' } },
      { type: 'mention', mentioned: { id: '8:orgid:0b9f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', name: '  赵\u202e主任 ' } },
      { type: 'mention', mentioned: { id: '29:3nop', name: '钱' } },
    ] } as Partial<Activity>;
    expect(mentionsOf(a)).toEqual([
      { name: '王科员', principal: `teams:${TENANT}:aad-user-2` },
      { name: '赵主任', principal: `teams:${TENANT}:0b9f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b` },
      { name: '钱', why: 'no-id' },
    ]);
    // the Emulator without an app id: identities are local ones, as for its senders
    expect(mentionsOf({ ...a, entities: a.entities!.slice(3) }, 'unverified')).toEqual([{ name: '钱', principal: 'local:msteams:29:3nop' }]);
    expect(mentionsOf({ ...a, channelId: 'directline' }, 'directline').every((m) => m.principal === undefined)).toBe(true);
  });
});

describe('displayName', () => {
  it('keeps a name one plain line: no controls, bidi marks, Markdown or HTML, at most 40 characters', async () => {
    const { displayName } = await import('../../bot/channels/identity.js');
    expect(displayName(' 王\u202e科员\n ')).toBe('王科员');
    expect(displayName('[张三](https://evil.example/) <b>x</b>')).toBe('张三https://evil.example/ bx/b');
    expect(displayName('   ')).toBeUndefined();
    expect(displayName(42)).toBeUndefined();
    expect([...displayName('名'.repeat(60))!].length).toBe(40);
  });
});
