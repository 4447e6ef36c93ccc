/** The interview's cursor once a draft exists: the question list, asking the current question, moving on. */
import { catalogue, draftFormat, type CellDef, type Draft, type FormatId } from '../../shared/index.js';
import { partName, signatureWindow } from '../../shared/narrative/index.js';
import { isoToChinese } from '../../shared/render/model.js';
import { actorLabels, whenText } from './actors.js';
import { choicesOf } from './choices.js';
import { isAnswered, questionList, t3Applicants, type Question } from './questions.js';
import { tableFindings } from './tables.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';
import type { Choice } from './types.js';

export const TABLE_NAME = { t2: '表二', t3: '表三', t4: '表四' } as const;
export const META_LABEL: Record<string, string> = {
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
    case 'signature': return '落款';
    case 'done': return '结束';
  }
}

/** The draft path a question's answer is stored under, if it has one. */
export function pathOf(q: Question): string | undefined {
  if (q.type === 'meta') return q.id;
  if (q.type === 'cell') return `cells.${q.id}`;
  if (q.type === 'narrative') return `narrative.${q.id}`;
  if (q.type === 'signature') return 'signature.date';
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

/** Amounts are asked in 万元 in both formats (the 2021 label says so; 2019 reports write 万元 by custom). */
export const AMOUNT_UNIT = '万元';

function cellUnit(c: CellDef): string | undefined {
  if (c.kind === 'delta') return T.cellHintDelta;
  // the 2021 label already says 「（单位：万元）」: not twice
  if (c.kind === 'amount') return c.label.includes('单位') ? '写“元”会自动换算' : `${T.cellHintAmount(AMOUNT_UNIT)}；写“元”会自动换算`;
  return undefined;
}

/** An answer as stored, as the clerk reads it in the history. */
export function shownValue(path: string, value: string | null): string {
  if (value === null) return T.historyCleared;
  if (path === 'agency.level') return value === 'government' ? '政府' : value === 'department' ? '部门' : value;
  if (path === 'signature.date') return isoToChinese(value) ?? value;
  return value.replace(/\s+/gu, ' ');
}

/**
 * 修改 (and 上一题) of an answered question: buttons to restore earlier values, and the last answers with who gave
 * them and when (issue 8 §1).
 */
async function history(t: Turn, path: string, current: string | undefined): Promise<{ choices: Choice[]; lines: string[] }> {
  if (!t.state.draftId) return { choices: [], lines: [] };
  const seen = new Set<string>(current === undefined ? [] : [current]);
  const out: Choice[] = [];
  const h = await t.store.history(t.state.draftId, path);
  h.forEach((e, i) => {
    if (e.value !== null && !seen.has(e.value)) {
      seen.add(e.value);
      out.push({ title: T.restore(i + 1, e.value), value: `恢复 ${e.seq}` });
    }
  });
  const last = h.slice(-5).reverse();
  if (!last.length) return { choices: out.slice(-5), lines: [] };
  const who = await actorLabels(t, last);
  const lines = [
    T.historyEdit(last.length, h.length - last.length),
    ...last.map((e, i) => T.historyLine(whenText(e.at, t.now), who(e.actor), shownValue(path, e.value), i === 0)),
  ];
  return { choices: out.slice(-5), lines };
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
  const past = options.showCurrent && path ? await history(t, path, now) : { choices: [], lines: [] };
  const head = now !== undefined && q.type !== 'meta' ? [T.current(now)] : now && q.type === 'meta' ? [T.current(now)] : [];
  const prefix = [...head, ...past.lines].map((l) => `${l}\n`).join('');
  const choices = [...choicesOf(t, q), ...past.choices];
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
    case 'cell': return send(T.cell(q.cell, cellUnit(q.cell)));
    case 'check': {
      const errors = tableFindings(t.draft!, q.table).filter((f) => f.severity === 'error');
      return send([T.tableErrors(TABLE_NAME[q.table], errors.length), ...errors.slice(0, 8).map(T.findingLine), T.checkPrompt].join('\n'));
    }
    case 'narrative': {
      const auto = options.showCurrent ? undefined : autoAnswer(t, q.id);
      if (auto) {
        t.set(`narrative.${q.id}`, auto);
        t.say(q.id === 'preamble' ? T.autoPreamble(auto) : T.autoFilled(questionName(q, format), auto));
        t.state.current = firstOpen(t, list(t), q.id);
        return ask(t);
      }
      const p = q.part;
      return send(T.part(q.section === '前言' ? '前言' : q.section, p.heading, ownYear(p.asks, t.draft!.year), ownYear(p.example, t.draft!.year), !!p.mayBeNone));
    }
    case 'signature': {
      const d = t.draft!;
      const def = defaultSignatureDate(d, t.now);
      const agency = d.signature?.agency ?? d.agency.name;
      const w = signatureWindow(d.year, d.agency.level);
      const late = T.signatureDeadline(d.agency.level === 'government' ? '政府' : '部门', isoToChinese(w.last)!);
      return t.choose(prefix + T.signature(agency, isoToChinese(def)!, late), [{ title: T.signatureUse, value: `sign:${def}` }]);
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

/** The format's examples are written for one year: a clerk sees them for the report's own year (and the next). */
export function ownYear(text: string, year: number): string {
  return text.replace(/20\d{2}(?=年)/gu, (y) => String(year + (Number(y) - 2024)));
}

/** Whether the report has no application at all (表三 answered 「没有」, or every count 0). */
function noApplications(t: Turn): boolean {
  const c = t.draft!.cells;
  return c['t3.new.total'] === '0' && c['t3.carried.total'] === '0';
}

/**
 * A part whose answer the draft already gives, written by the bot and shown (the clerk can 修改 it): the preamble
 * in the standard wording once the contact details are known; with no application, 依申请公开 and 信息处理费.
 */
function autoAnswer(t: Turn, id: string): string | undefined {
  const d = t.draft!;
  if (d.narrative[id] !== undefined || t.state.skipped.includes(id)) return undefined;
  const a = d.agency;
  if (id === 'preamble' && a.address && a.postcode && a.phone) return T.preambleText(a.name, d.year, a.address, a.postcode, a.phone);
  if (!noApplications(t)) return undefined;
  if (id === 'overview.requests') return T.autoRequests(d.year, a.name);
  if (id === 'other.fees') return T.autoFees(d.year, a.name);
  return undefined;
}

/**
 * The 落款 date offered: today when today is inside the reporting window of the report's level, else the window's
 * last day (a 2020 report written late is still dated as it should have been published).
 */
export function defaultSignatureDate(d: Draft, now: Date): string {
  const w = signatureWindow(d.year, d.agency.level);
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return today >= w.first && today <= w.last ? today : w.last;
}
