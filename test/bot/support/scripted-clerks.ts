/**
 * The two clerks of issue 9's turn figures, scripted from the real reports in ../shared/fixtures: what a clerk who
 * has the published tables and texts at hand would send, answering whatever the bot asks (read from the store), as
 * briefly as the bot allows. Recorded against the engine in-process, then replayed over Direct Line by the test.
 *
 * - `noApplications2021`: 文登区天福街道办事处 (wendeng-tianfu-2020, every cell 0, no application) reporting for 2021 in
 *   the 2021 format: 表二 all 0, no application, no review or suit, one sentence per narrative part.
 * - `typicalDepartment2019`: 威海高新区党政办公室 2020 (weihai-hitech-office-2020, 2019 format): 表二 typed block by
 *   block (some rows non-zero), 表三 pasted from Excel with its labels, 表四 all 0, ten narrative parts pasted whole.
 */
import { catalogue, draftFormat, narrativeParts, parseCell, type Draft, type RowInfo } from '../../../shared/index.js';
import { choicesOf, Clerk, fixtureDraft, openBench, textOf } from '../clerk.js';
import type { RecordedTurn } from './recorded-interview.js';
import { repliesText } from './recorded-interview.js';
import type { Reply, TurnInput } from '../../../bot/engine/index.js';

export interface ClerkScript {
  readonly target: Draft;
  /** How the clerk writes a narrative part (undefined: the part is not in the report). */
  readonly part: (id: string) => string | undefined;
  /** 表二 typed block by block, or 「表二全部为 0」. */
  readonly t2: 'typed' | 'zero';
  /** The clerk replaces the bot's standard preamble with the report's own (「修改 前言」, then the text). */
  readonly ownPreamble?: boolean;
}

const isZero = (v: string | undefined) => v === undefined || parseCell(v).value === 0 || parseCell(v).kind === 'blank';
/** A blank cell of the published table is typed as 0 (a clerk fills the form). */
const cellText = (v: string | undefined) => (v === undefined || parseCell(v).kind === 'blank' ? '0' : v.trim());

/** One table row as a clerk copies it from Excel: label, then the figures, tab-separated. */
function excelRow(r: RowInfo, d: Draft): string {
  return [r.label, ...r.cells.map((c) => cellText(d.cells[c.id]))].join('\t');
}

/** The whole of 表三 as copied from the template in Excel: the header line, then every row with its label. */
function pastedT3(d: Draft): string {
  const cat = catalogue(draftFormat(d)!);
  const rows = cat.rows.filter((r) => r.table === 't3');
  return [['', ...rows[0]!.cells.map((c) => c.columnLabel)].join('\t'), ...rows.map((r) => excelRow(r, d))].join('\n');
}

/** A part as the clerk pastes it: without the report's 落款 (agency and date) that the fixture's last part carries. */
function withoutSignature(s: string): string {
  const lines = s.trim().split('\n');
  if (!/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/u.test(lines[lines.length - 1] ?? '')) return s.trim();
  // the date line and the agency line above it: short lines without a full stop
  while (lines.length && !/[。；]/u.test(lines[lines.length - 1]!) && lines[lines.length - 1]!.length <= 40) lines.pop();
  return lines.join('\n').trim();
}

/** The first sentence of a text (up to the first 。). */
function firstSentence(s: string): string {
  const flat = s.replace(/\s+/gu, '');
  const i = flat.indexOf('。');
  return i > 0 ? flat.slice(0, i + 1) : flat;
}

export function noApplications2021(): ClerkScript {
  const src = fixtureDraft('wendeng-tianfu-2020');
  const target: Draft = { ...src, year: 2021, format: '2021', cells: {} };
  return {
    target,
    t2: 'zero',
    part: (id) => {
      const text = src.narrative[id] && withoutSignature(src.narrative[id]);
      return text ? firstSentence(text).replace(/2020年/gu, '2021年') : undefined;
    },
  };
}

export function typicalDepartment2019(): ClerkScript {
  const target = fixtureDraft('weihai-hitech-office-2020');
  return { target, t2: 'typed', ownPreamble: true, part: (id) => (target.narrative[id] ? withoutSignature(target.narrative[id]) || '无' : undefined) };
}

/** What the clerk sends to the question the bot is at. */
async function answerTo(clerk: Clerk, cur: string, s: ClerkScript, last: Reply[]): Promise<string | TurnInput> {
  const d = s.target;
  const format = draftFormat(d)!;
  const cat = catalogue(format);
  const st = await clerk.state();
  if (st.pending) return '保留这个回答';
  if (cur === 'agency.address') return `${d.agency.address} ${d.agency.postcode} ${d.agency.phone}`;
  if (cur === 'agency.postcode') return d.agency.postcode!;
  if (cur === 'agency.phone') return d.agency.phone!;
  if (cur.startsWith('gate.t2.')) {
    if (s.t2 === 'zero') return { value: { choice: 'all-zero' } };
    const rowId = cur.slice('gate.t2.'.length);
    const block = cat.rows.filter((r) => r.table === 't2');
    const first = block.findIndex((r) => r.id === rowId);
    const caption = block[first]!.cells[0]!.block;
    const rows = block.filter((r) => r.cells[0]!.block === caption);
    if (rows.every((r) => r.cells.every((c) => isZero(d.cells[c.id])))) return '都是 0';
    // typed as the clerk reads the block off the report: 「行政处罚 2 -1 0」, one row a line
    return rows.map((r) => [r.label, ...r.cells.map((c) => cellText(d.cells[c.id]))].join(' ')).join('\n');
  }
  if (cur === 'gate.t3') return cat.tables.t3.every((c) => isZero(d.cells[c.id])) ? '没有收到' : pastedT3(d);
  if (cur === 'gate.t4') return cat.tables.t4.every((c) => isZero(d.cells[c.id])) ? '没有' : cat.rows.filter((r) => r.table === 't4').map((r) => excelRow(r, d)).join('\n');
  if (cur.startsWith('check.')) return '暂不修改，继续';
  if (cur === 'signature') {
    const use = choicesOf(last).find((c) => c.value.startsWith('sign:'));
    return use ? { value: { choice: use.value } } : '完成';
  }
  if (/^t[234]\./.test(cur)) return cellText(d.cells[cur]);
  const draft = await clerk.draft();
  if (s.ownPreamble && s.part('preamble') && draft.narrative.preamble !== undefined && draft.narrative.preamble !== s.part('preamble')) {
    return st.current === 'preamble' ? s.part('preamble')! : '修改 前言';
  }
  const part = narrativeParts(format, draft.agency.level ?? 'department').find((p) => p.id === cur);
  if (part) return s.part(cur) ?? (part.required ? part.example : '无');
  return '跳过';
}

/** The clerk's whole conversation, from 你好 to the .docx link, recorded against the engine with a durable store. */
export async function recordScript(s: ClerkScript): Promise<RecordedTurn[]> {
  const bench = await openBench();
  try {
    const clerk = new Clerk(bench);
    const turns: RecordedTurn[] = [];
    const send = async (input: string | TurnInput) => {
      const replies = await clerk.send(input);
      turns.push({ input, reply: repliesText(replies) });
      return replies;
    };
    let last = await send('你好');
    last = await send(s.target.agency.name);
    last = await send(String(s.target.year));
    for (let i = 0; i < 80 && !last.some((r) => r.type === 'download'); i++) {
      const cur = await clerk.current();
      if (cur === 'agency.level') last = await send(s.target.agency.level === 'government' ? '政府' : '部门');
      else if (cur === 'done') last = await send('完成');
      else last = await send(await answerTo(clerk, cur, s, last));
    }
    if (!last.some((r) => r.type === 'download')) throw new Error(`no report after ${turns.length} turns: ${textOf(last)}`);
    return turns;
  } finally {
    await bench.close();
  }
}
