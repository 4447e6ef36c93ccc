/** A scripted clerk for engine transcripts: sends turns, reads the cursor from the store, answers from a draft. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterviewer, type ConversationKey, type Interviewer, type Reply, type TurnInput } from '../../bot/engine/index.js';
import { openStore, type Store } from '../../bot/store/index.js';
import { readFileSync } from 'node:fs';
import { importReport } from '../../shared/import/index.js';
import { parseCell, type Draft } from '../../shared/index.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const FIXTURES = FIXTURES_DIR;

/** A real published report (shared/fixtures) read into a draft by the importer. */
export function fixtureDraft(name: string): Draft {
  return importReport({ name: `${name}.txt`, text: readFileSync(`${FIXTURES}${name}.txt`, 'utf8') }).draft;
}

/** The number a cell's text stands for (undefined for blank or text). */
export const numberOf = (v: string | undefined): number | undefined => {
  const c = parseCell(v);
  return c.kind === 'number' ? c.value : undefined;
};

export interface Bench {
  store: Store;
  bot: Interviewer;
  dir: string;
  close(): Promise<void>;
}

export async function openBench(): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-engine-'));
  const store = await openStore({ dataDir: dir });
  let n = 0;
  const bot = createInterviewer(store, { newId: () => `draft-${++n}-${Math.random().toString(36).slice(2, 8)}` });
  return {
    store, bot, dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function textOf(replies: readonly Reply[]): string {
  return replies.map((r) => (r.type === 'text' || r.type === 'choices' ? r.text : r.type === 'preview' ? r.markdown : `[download ${r.fileName}]`)).join('\n');
}

export function choicesOf(replies: readonly Reply[]): { title: string; value: string }[] {
  return replies.flatMap((r) => (r.type === 'choices' ? r.choices : []));
}

export class Clerk {
  readonly key: ConversationKey;
  last: Reply[] = [];
  /** Every question id the bot asked, in order. */
  readonly asked: string[] = [];

  constructor(readonly bench: Bench, conversationId = 'conv-1', userId = 'clerk-1') {
    this.key = { channelId: 'test', userId, conversationId };
  }

  async send(input: string | TurnInput): Promise<Reply[]> {
    this.last = await this.bench.bot.handle(this.key, typeof input === 'string' ? { text: input } : input);
    const cur = await this.current();
    if (this.asked[this.asked.length - 1] !== cur) this.asked.push(cur);
    return this.last;
  }

  async say(input: string | TurnInput): Promise<string> {
    return textOf(await this.send(input));
  }

  async state(): Promise<{ current: string; draftId?: string; pending?: unknown; skipped: string[] }> {
    const c = await this.bench.store.loadConversation(JSON.stringify([this.key.channelId, this.key.conversationId, this.key.userId]));
    return c?.state as { current: string; draftId?: string; pending?: unknown; skipped: string[] };
  }

  async current(): Promise<string> {
    return (await this.state())?.current ?? '';
  }

  async draft(): Promise<Draft> {
    const s = await this.state();
    return (await this.bench.store.loadDraft(s.draftId!))!.draft;
  }

  async start(agency: string, year: number, level: '部门' | '政府'): Promise<void> {
    await this.send('你好');
    await this.send(agency);
    await this.send(String(year));
    // the level is asked only when the name does not say it
    if ((await this.current()) === 'agency.level') {
      const levelChoice = choicesOf(this.last).find((c) => c.title.startsWith(level));
      await this.send(levelChoice ? { value: { choice: levelChoice.value } } : level);
    }
    const fresh = choicesOf(this.last).find((c) => c.value === 'new');
    if (fresh) await this.send(fresh.title);
  }
}

export interface AnswerPlan {
  /** Gate answers: default 有 (yes) for every gate. */
  gate?: (id: string) => '有' | '没有';
  /** t3 applicant types as typed; default 以上各类都有. */
  applicants?: string;
  /** How a cell value is typed (default: as stored in the target draft). */
  cell?: (id: string, value: string) => string;
  contact?: { address: string; postcode: string; phone: string };
}

/** Answers every question from `target` until the bot reaches the end; returns the questions asked. */
export async function interview(clerk: Clerk, target: Draft, plan: AnswerPlan = {}): Promise<string[]> {
  const contact = plan.contact ?? { address: '××市××路1号', postcode: '264200', phone: '0631-5201234' };
  for (let i = 0; i < 600; i++) {
    const s = await clerk.state();
    const cur = s.current;
    if (cur === 'done') return clerk.asked;
    let a: string;
    if (s.pending) a = '保留这个回答';
    else if (cur === 'agency.address') a = contact.address;
    else if (cur === 'agency.postcode') a = contact.postcode;
    else if (cur === 'agency.phone') a = contact.phone;
    else if (cur.startsWith('gate.')) a = plan.gate?.(cur) ?? '有';
    else if (cur === 't3.applicants') a = plan.applicants ?? '以上各类都有';
    else if (cur.startsWith('check.')) a = '暂不修改，继续';
    else if (cur === 'signature') {
      // the offered 落款 (the button): the report is generated at once
      const use = choicesOf(clerk.last).find((c) => c.value.startsWith('sign:'));
      await clerk.send(use ? { value: { choice: use.value } } : '完成');
      return clerk.asked;
    }
    else if (/^t[234]\./.test(cur)) {
      const v = target.cells[cur];
      a = v === undefined || parseCell(v).kind === 'blank' ? '跳过' : plan.cell ? plan.cell(cur, v.trim()) : v;
    } else a = target.narrative[cur] ?? '跳过';
    await clerk.send(a);
  }
  throw new Error(`interview did not end; stuck at ${await clerk.current()}: ${textOf(clerk.last)}`);
}
