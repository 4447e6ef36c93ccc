/** The interview's cursor once a draft exists: the question list, asking the current question, moving on. */
import { catalogue, draftFormat, type CellDef, type Draft, type FormatId } from '../../shared/index.js';
import { partName } from '../../shared/narrative/index.js';
import { choicesOf } from './choices.js';
import { isAnswered, questionList, t3Applicants, type Question } from './questions.js';
import { tableFindings } from './tables.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';
import type { Choice } from './types.js';

export const TABLE_NAME = { t2: '表二', t3: '表三', t4: '表四' } as const;
const META_LABEL: Record<string, string> = {
  'agency.name': '单位名称', year: '年度', 'agency.level': '层级', 'agency.address': '联系地址',
  'agency.postcode': '邮政编码', 'agency.phone': '联系电话',
};

export const fmt = (t: Turn): FormatId => draftFormat(t.draft!)!;

/** The name a question goes by in progress lists and menus. */
export function questionName(q: Question, format: FormatId): string {
  switch (q.type) {
    case 'meta': return META_LABEL[q.id]!;
    case 'gate': return q.table === 't2' ? `表二 ${q.subject}` : `${TABLE_NAME[q.table]} ${q.subject}`;
    case 'applicants': return '表三 申请人类型';
    case 'cell': return `${TABLE_NAME[q.cell.table]} ${q.cell.table === 't2' ? `${q.cell.block} ` : ''}${q.cell.label}`;
    case 'check': return `${TABLE_NAME[q.table]}核对`;
    case 'narrative': return partName(q.id, format);
    case 'done': return '结束';
  }
}

/** The draft path a question's answer is stored under, if it has one. */
export function pathOf(q: Question): string | undefined {
  if (q.type === 'meta') return q.id;
  if (q.type === 'cell') return `cells.${q.id}`;
  if (q.type === 'narrative') return `narrative.${q.id}`;
  return undefined;
}

export function list(t: Turn): Question[] {
  return questionList(t.draft!, t.state);
}

export function findQuestion(t: Turn, id: string): Question | undefined {
  return list(t).find((q) => q.id === id);
}

export function firstOpen(t: Turn, qs: Question[], from?: string): string {
  const open = (q: Question) => !isAnswered(q, t.draft!, t.state) && !t.state.skipped.includes(q.id);
  const i = from === undefined ? -1 : qs.findIndex((q) => q.id === from);
  return (qs.slice(i + 1).find(open) ?? qs.find(open) ?? qs.find((q) => q.type === 'done')!).id;
}

function cellUnit(c: CellDef, format: FormatId): string | undefined {
  if (c.kind === 'delta') return T.cellHintDelta;
  if (c.kind === 'amount') return T.cellHintAmount(format === '2021' ? '万元' : undefined);
  return undefined;
}

async function historyChoices(t: Turn, path: string, current: string | undefined): Promise<Choice[]> {
  if (!t.state.draftId) return [];
  const seen = new Set<string>(current === undefined ? [] : [current]);
  const out: Choice[] = [];
  const h = await t.store.history(t.state.draftId, path);
  h.forEach((e, i) => {
    if (e.value !== null && !seen.has(e.value)) {
      seen.add(e.value);
      out.push({ title: T.restore(i + 1, e.value), value: `恢复 ${e.seq}` });
    }
  });
  return out.slice(-5);
}

/** Asks the current question (falling back to the first open one when its id is not in the list any more). */
export async function ask(t: Turn, options: { showCurrent?: boolean } = {}): Promise<void> {
  const qs = list(t);
  let q = qs.find((x) => x.id === t.state.current);
  if (!q) {
    t.state.current = firstOpen(t, qs);
    q = qs.find((x) => x.id === t.state.current)!;
  }
  const format = fmt(t);
  const path = pathOf(q);
  const now = path ? currentValue(t.draft!, path) : undefined;
  const restore = options.showCurrent && path ? await historyChoices(t, path, now) : [];
  const prefix = now !== undefined && q.type !== 'meta' ? `${T.current(now)}\n` : now && q.type === 'meta' ? `${T.current(now)}\n` : '';
  const choices = [...choicesOf(t, q), ...restore];
  const send = (text: string) => (choices.length ? t.choose(prefix + text, choices) : t.say(prefix + text));
  switch (q.type) {
    case 'meta': {
      const texts: Record<string, string> = {
        'agency.name': T.agencyName, year: T.year, 'agency.level': T.level,
        'agency.address': T.address, 'agency.postcode': T.postcode, 'agency.phone': T.phone,
      };
      return send(texts[q.id]!);
    }
    case 'gate': {
      if (q.table === 't2') {
        const block = catalogue(format).tables.t2.filter((c) => q.cells.includes(c.id));
        const rows = [...new Set(block.map((c) => c.rowLabel))].join('、');
        const cols = [...new Set(block.map((c) => c.columnLabel))].join('、');
        return send(T.gateT2(q.subject, rows, cols));
      }
      if (q.id === 'gate.t3') return send(T.gateT3);
      if (q.id === 'gate.t4') return send(T.gateT4);
      return send(q.table === 't3' ? T.gateT3Group(q.subject) : T.gateT4Group(q.subject));
    }
    case 'applicants': {
      const lines = t3Applicants(format).map((c, i) => `${i + 1}. ${c.columnLabel}`).join('\n');
      return send(T.applicants(lines));
    }
    case 'cell': return send(T.cell(q.cell, cellUnit(q.cell, format)));
    case 'check': {
      const errors = tableFindings(t.draft!, q.table).filter((f) => f.severity === 'error');
      return send([T.tableErrors(TABLE_NAME[q.table], errors.length), ...errors.slice(0, 8).map(T.findingLine), T.checkPrompt].join('\n'));
    }
    case 'narrative': {
      const p = q.part;
      return send(T.part(q.section === '前言' ? '前言' : q.section, p.heading, p.asks, p.example, !!p.mayBeNone));
    }
    case 'done': return send(t.state.finished ? T.doneAgain : T.done);
  }
}

export function currentValue(d: Draft, path: string): string | undefined {
  if (path === 'year') return String(d.year);
  if (path === 'agency.level') return d.agency.level === 'government' ? T.levelGovernment : d.agency.level ? T.levelDepartment : undefined;
  if (path.startsWith('agency.')) return (d.agency as unknown as Record<string, string | undefined>)[path.slice(7)] || undefined;
  if (path.startsWith('cells.')) return d.cells[path.slice(6)];
  if (path.startsWith('narrative.')) return d.narrative[path.slice(10)];
  return undefined;
}

/** Moves on from `from`: back to where a 修改 started, else to the next open question. */
export async function advance(t: Turn, from: string): Promise<void> {
  const qs = list(t);
  const back = t.state.returnTo;
  delete t.state.returnTo;
  const target = back && back !== from ? qs.find((q) => q.id === back) : undefined;
  t.state.current = target && (target.type === 'done' || !isAnswered(target, t.draft!, t.state)) ? target.id : firstOpen(t, qs, target?.id ?? from);
  await ask(t);
}
