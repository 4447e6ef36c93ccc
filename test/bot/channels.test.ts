/**
 * The botbuilder layer with botbuilder's TestAdapter and the real engine and store: Teams-shaped activities (card
 * submit with `value` and no text, `<at>` mentions, `locale: en-US`), plain-text channels, state per conversation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInterviewer } from '../../bot/engine/index.js';
import { openStore, type Store } from '../../bot/store/index.js';
import { NianbaoBot } from '../../bot/channels/bot.js';
import { stripMentions, hostAllowed, toTurnInput } from '../../bot/channels/activities.js';

let dir: string;
let store: Store;
let bot: NianbaoBot;
const logged: string[] = [];
const links: string[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-channels-'));
  store = await openStore({ dataDir: dir });
  bot = new NianbaoBot({
    interviewer: createInterviewer(store),
    attachments: { hosts: ['files.example.org'], maxBytes: 1024 },
    link: (d, v, f) => { const l = `http://127.0.0.1:3978/files/${d}.${v}.${encodeURIComponent(f)}`; links.push(l); return l; },
    linkHours: 24,
    log: (l) => logged.push(l),
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A Teams-like conversation: each `say` is one turn; returns the bot's activities for it. */
function channel(channelId: string, conversationId = 'a:1', user = { id: '29:1abc', aadObjectId: 'aad-user-1', name: '李文书' }) {
  const adapter = new TestAdapter((ctx) => bot.run(ctx), {
    channelId, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    user: { id: user.id, name: user.name }, bot: { id: '28:bot', name: '年报助手' }, serviceUrl: 'https://smba.trafficmanager.net/apac/',
  } as never);
  return async (activity: Partial<Activity> | string): Promise<Partial<Activity>[]> => {
    adapter.activeQueue.length = 0;
    const a = typeof activity === 'string' ? { type: 'message', text: activity } : activity;
    await adapter.processActivity({ from: user, recipient: { id: '28:bot', name: '年报助手' }, ...a } as Partial<Activity>);
    return [...adapter.activeQueue];
  };
}

const textOf = (acts: Partial<Activity>[]) => acts.map((a) => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content))].join('\n')).join('\n');
const cardOf = (acts: Partial<Activity>[]) => acts.flatMap((a) => a.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');

describe('Teams-shaped activities', () => {
  it('strips <at> mentions, reads card submits with no text, ignores locale en-US for parsing', async () => {
    const say = channel('msteams', '19:group@thread.v2');
    // group chat: the bot is @mentioned with an entity, as Teams sends it
    const hello = await say({
      type: 'message', text: '<at>年报助手</at> 你好', locale: 'en-US',
      entities: [{ type: 'mention', mentioned: { id: '28:bot', name: '年报助手' }, text: '<at>年报助手</at>' }],
    });
    expect(textOf(hello)).toContain('单位的全称');
    // a name that does not say the level (…人民政府, …局 would): the level is asked
    await say({ type: 'message', text: '<at>年报助手</at> 某经济技术开发区', locale: 'en-US' });
    // Chinese numerals for the year while the client says en-US
    const level = await say({ type: 'message', text: '二〇二四', locale: 'en-US' });
    const card = cardOf(level);
    expect(card).toBeDefined();
    const content = card!.content as { body: { text: string }[]; actions: { type: string; title: string; data: { choice: string } }[] };
    expect(content.body[0]!.text).toContain('部门还是政府');
    expect(content.actions.map((a) => a.type)).toEqual(['Action.Submit', 'Action.Submit']);
    // the clerk presses 部门: Teams posts the card data as `value`, with no text
    const department = content.actions.find((a) => a.title.startsWith('部门'))!;
    const next = await say({ type: 'message', value: department.data, locale: 'en-US' });
    expect(textOf(next)).toContain('联系地址');
    // no mention markup and nothing typed reached the engine's record as a name
    const conv = await store.loadConversation(JSON.stringify(['msteams', '19:group@thread.v2', 'aad-user-1']));
    const draftId = (conv!.state as { draftId: string }).draftId;
    const d = (await store.loadDraft(draftId))!.draft;
    expect(d.agency).toMatchObject({ name: '某经济技术开发区', level: 'department' });
    expect(d.year).toBe(2024);
  });

  it('an empty message gets the current question again; a multi-line answer keeps its lines; 预览 is a card in Teams', async () => {
    const say = channel('msteams', 'a:empty');
    await say('你好');
    expect(textOf(await say({ type: 'message', text: '   ' }))).toContain('单位的全称');
    await say('某市生态环境局');
    await say('2024');
    await say('某市某路1号 264200 0631-1234567');
    expect(textOf(await say({ type: 'message', text: '' }))).toContain('第二十条第（一）项');
    // a block pasted with tabs and line breaks (as Teams delivers a paste) reaches the engine as rows
    expect(textOf(await say({ type: 'message', text: '规章\t1\t0\t11\r\n行政规范性文件\t2\t0\t15' }))).toContain('行政规范性文件：本年制发件数 2');
    const preview = cardOf(await say('预览'));
    const body = JSON.stringify(preview?.content);
    expect(body).toContain('"type":"ColumnSet"');
    expect(body).toContain('草稿 · 未定稿，不可发布');
  });

  it('keeps state per user and conversation', async () => {
    const personal = channel('msteams', 'a:personal');
    const group = channel('msteams', '19:other@thread.v2');
    await personal('你好');
    await personal('甲单位');
    const g = await group('你好');
    expect(textOf(g)).toContain('单位的全称'); // a new interview, not 甲单位's
    const p = await personal('2024');
    expect(textOf(p)).toContain('部门还是政府');
    const otherUser = channel('msteams', 'a:personal', { id: '29:2xyz', aadObjectId: 'aad-user-2', name: '王科员' });
    expect(textOf(await otherUser('你好'))).toContain('单位的全称');
  });

  it('a channel without cards gets numbered choices and may answer by number', async () => {
    const say = channel('telegram', 'tg:1');
    await say('你好');
    await say('某经济开发区');
    const level = await say('2023');
    expect(level.every((a) => !a.attachments?.length)).toBe(true);
    expect(textOf(level)).toMatch(/1\. 部门.*\n2\. 政府/);
    expect(textOf(level)).toContain('请回复序号');
    expect(textOf(await say('2'))).toContain('联系地址');
    const conv = await store.loadConversation(JSON.stringify(['telegram', 'tg:1', 'aad-user-1']));
    const d = (await store.loadDraft((conv!.state as { draftId: string }).draftId))!.draft;
    expect(d.agency.level).toBe('government');
  });

  it('greets a member who joins, not the bot itself', async () => {
    const say = channel('msteams', 'a:new');
    const joined = await say({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: '年报助手' }, { id: '29:1abc', name: '李文书' }] });
    expect(textOf(joined)).toContain('发送「你好」开始');
    expect(await say({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: '年报助手' }] })).toEqual([]);
  });

  it('a draft file is read only from an allowed host; others are refused with a notice', async () => {
    const say = channel('msteams', 'a:file');
    await say('你好');
    const refused = await say({
      type: 'message', text: '',
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'draft.json', content: { downloadUrl: 'https://evil.example.net/x.json', fileType: 'json' } }],
    });
    expect(textOf(refused)).toContain('来自不受信任的地址');
    expect(logged.join('\n')).not.toContain('evil');
  });
});

describe('activity helpers', () => {
  it('stripMentions removes every <at> element', () => {
    expect(stripMentions('<at>年报助手</at>&nbsp;上一题 ')).toBe('上一题');
    expect(stripMentions('<at id="0">Bot</at> <at id="1">张三</at> 进度')).toBe('进度');
  });

  it('hostAllowed: exact hosts and *. subdomains over https only', () => {
    const hosts = ['files.example.org', '*.sharepoint.com'];
    expect(hostAllowed('https://files.example.org/a', hosts)).toBe(true);
    expect(hostAllowed('https://contoso.sharepoint.com/a', hosts)).toBe(true);
    expect(hostAllowed('https://sharepoint.com.evil.net/a', hosts)).toBe(false);
    expect(hostAllowed('https://evilsharepoint.com/a', hosts)).toBe(false);
    expect(hostAllowed('http://files.example.org/a', hosts)).toBe(false);
    expect(hostAllowed('file:///etc/passwd', hosts)).toBe(false);
  });

  it('inline data attachments are size-capped', async () => {
    const big = `data:application/json;base64,${Buffer.alloc(2048).toString('base64')}`;
    const { input, notices } = await toTurnInput({ type: 'message', attachments: [{ contentType: 'application/json', name: 'd.json', contentUrl: big }] }, { hosts: [], maxBytes: 1024 });
    expect(input.attachments).toBeUndefined();
    expect(notices[0]).toContain('超过');
  });
});
