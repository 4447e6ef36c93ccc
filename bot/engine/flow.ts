/** Asking the current question and taking the clerk's answer to it, once a draft exists. */
import { catalogue, draftFormat, formatIdForYear, parseCell, type CellDef, type Draft, type FormatId } from '../../shared/index.js';
import { checkAnswer, partName } from '../../shared/narrative/index.js';
import { readNumber } from './numbers.js';
import { activeApplicants, gateValue, isAnswered, questionList, t3Applicants, type Question } from './questions.js';
import { isComputed, tableComplete, tableFindings, totalChanges } from './tables.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';
import type { Choice } from './types.js';
import { readYear } from './start.js';

const TABLE_NAME = { t2: '表二', t3: '表三', t4: '表四' } as const;
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

function yesNo(q: Extract<Question, { type: 'gate' }>): Choice[] {
  if (q.table === 't2') return [{ title: T.gateT2Yes, value: 'yes' }, { title: T.gateT2No, value: 'no' }];
  if (q.id === 'gate.t3') return [{ title: T.gateT3Yes, value: 'yes' }, { title: T.gateT3No, value: 'no' }];
  return [{ title: T.yes, value: 'yes' }, { title: T.no, value: 'no' }];
}

/** The choices a question offers (matched against typed text and numbers too). */
export function choicesOf(t: Turn, q: Question): Choice[] {
  switch (q.type) {
    case 'meta':
      return q.id === 'agency.level'
        ? [{ title: T.levelDepartment, value: 'department' }, { title: T.levelGovernment, value: 'government' }]
        : [];
    case 'gate': return yesNo(q);
    case 'applicants': return [{ title: T.applicantsOnlyNatural, value: 'natural' }, { title: T.applicantsAll, value: 'all' }];
    case 'check': {
      const qs = list(t);
      const fixes = new Map<string, string>();
      for (const f of tableFindings(t.draft!, q.table).filter((x) => x.severity === 'error')) {
        for (const id of f.cells) {
          const cq = qs.find((x) => x.id === id && x.type === 'cell');
          if (cq && cq.type === 'cell' && fixes.size < 8) fixes.set(id, T.checkFix(cq.cell.label));
        }
      }
      return [...[...fixes].map(([id, title]) => ({ title, value: `修改 ${id}` })), { title: T.checkContinue, value: 'continue' }];
    }
    case 'narrative':
      return q.id === 'preamble' ? [{ title: T.preambleStandard, value: 'standard' }] : [];
    default: return [];
  }
}

/** Matches typed text or a card value against choices: the value, the title, or its number in the list. */
export function matchChoice(text: string, choices: readonly Choice[], byNumber = true): string | undefined {
  const s = text.trim();
  const hit = choices.find((c) => c.value === s || c.title === s);
  if (hit) return hit.value;
  if (byNumber && /^\d{1,2}$/.test(s)) return choices[Number(s) - 1]?.value;
  return undefined;
}

const YES = /^(有|是|是的|有的|收到|收到了|有数字要填|要填|对|yes|y)$/iu;
const NO = /^(没有|无|否|没|没收到|没有收到|都是0|都是零|全是0|全部为0|不是|no|n)$/iu;

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

/** Totals are computed; a completed table is checked at once. Returns the check question when it has errors. */
function afterTableEdit(t: Turn, table: 't2' | 't3' | 't4'): string | undefined {
  const format = fmt(t);
  for (const c of totalChanges(format, t.draft!.cells)) t.set(c.path, c.value as string);
  if (!tableComplete(format, table, t.draft!.cells)) return undefined;
  const findings = tableFindings(t.draft!, table);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    t.state.accepted = t.state.accepted.filter((id) => id !== `check.${table}`);
    return `check.${table}`;
  }
  if (findings.length) t.say([T.tableWarnings(TABLE_NAME[table]), ...findings.slice(0, 8).map(T.findingLine)].join('\n'));
  else t.say(T.tableOk(TABLE_NAME[table]));
  return undefined;
}

async function afterTable(t: Turn, table: 't2' | 't3' | 't4', from: string): Promise<void> {
  const check = afterTableEdit(t, table);
  if (check) {
    t.state.current = check;
    await ask(t);
  } else {
    await advance(t, from);
  }
}

function zero(t: Turn, cells: readonly string[]): void {
  for (const id of cells) t.set(`cells.${id}`, '0');
}

function clear(t: Turn, cells: readonly string[]): void {
  for (const id of cells) if (parseCell(t.draft!.cells[id]).value === 0) t.set(`cells.${id}`, null);
}

async function answerNarrative(t: Turn, q: Extract<Question, { type: 'narrative' }>, text: string, keep = false): Promise<void> {
  if (!text.trim()) return t.say(T.emptyAnswer);
  const findings = keep ? [] : checkAnswer(q.id, text, t.draft!);
  if (findings.length) {
    t.state.pending = { question: q.id, text };
    t.choose([T.answerWarnings, ...findings.map(T.findingLine)].join('\n'), [
      { title: T.keep, value: 'keep' }, { title: T.revise, value: 'revise' },
    ]);
    return;
  }
  delete t.state.pending;
  t.set(`narrative.${q.id}`, text.trim());
  t.say(T.saved);
  await advance(t, q.id);
}

/** Takes the clerk's answer to the current question. */
export async function answer(t: Turn, text: string): Promise<void> {
  const qs = list(t);
  const q = qs.find((x) => x.id === t.state.current);
  if (!q) return ask(t);
  const format = fmt(t);
  const choice = matchChoice(text, choicesOf(t, q), q.type !== 'applicants' && q.type !== 'cell' && q.type !== 'meta');
  t.state.skipped = t.state.skipped.filter((id) => id !== q.id);

  const restore = /^恢复\s*(\d+)$/u.exec(text.trim());
  const path = pathOf(q);
  if (restore && path && t.state.draftId) {
    const entry = (await t.store.history(t.state.draftId, path)).find((e) => e.seq === Number(restore[1]));
    if (entry) {
      t.set(path, entry.value);
      t.say(T.restored);
      if (q.type === 'cell') return afterTable(t, q.cell.table, q.id);
      return advance(t, q.id);
    }
  }

  switch (q.type) {
    case 'meta': return answerMeta(t, q.id, text, choice);
    case 'gate': {
      const v = choice ?? (YES.test(text.trim()) ? 'yes' : NO.test(text.trim()) ? 'no' : undefined);
      if (!v) return t.choose(T.gateBad, choicesOf(t, q));
      const was = gateValue(t.state, t.draft!, q);
      t.state.gates[q.id] = v === 'yes';
      if (v === 'no') {
        zero(t, q.cells);
        t.say(T.zeroFilled(q.cells.length));
        return afterTable(t, q.table, q.id);
      }
      if (was === false) clear(t, q.cells);
      return advance(t, q.id);
    }
    case 'applicants': {
      const cols = t3Applicants(format);
      let picked: string[] | undefined;
      if (choice === 'all') picked = cols.map((c) => c.column);
      else if (choice) picked = [choice];
      else {
        const s = text.trim();
        const byName = cols.filter((c) => s.includes(c.columnLabel)).map((c) => c.column);
        const byNumber = (s.match(/\d+/g) ?? []).map((n) => cols[Number(n) - 1]?.column);
        picked = [...new Set([...byName, ...byNumber.filter((x): x is string => !!x)])];
        if (byNumber.some((x) => !x) || !picked.length) picked = undefined;
      }
      if (!picked) return t.choose(T.applicantsBad, choicesOf(t, q));
      const before = activeApplicants(t.state, t.draft!, format);
      t.state.applicants = picked;
      const t3 = catalogue(format).tables.t3.filter((c) => !isComputed(format, c.id));
      zero(t, t3.filter((c) => !picked.includes(c.column)).map((c) => c.id));
      if (before) clear(t, t3.filter((c) => picked.includes(c.column) && !before.includes(c.column)).map((c) => c.id));
      t.say(T.applicantsSet(cols.filter((c) => picked.includes(c.column)).map((c) => c.columnLabel).join('、')));
      return afterTable(t, 't3', q.id);
    }
    case 'cell': {
      const r = readNumber(text, q.cell.kind, format === '2021' ? '万元' : undefined);
      if (!r.ok) {
        const why = r.reason === 'several' ? T.several(r.found ?? []) : r.reason === 'negative' ? T.negative
          : r.reason === 'fraction' ? T.fraction : r.reason === 'none' ? T.noNumber : T.unclear;
        return t.say(why);
      }
      t.set(`cells.${q.id}`, r.raw);
      if (r.note) t.say(r.note);
      return afterTable(t, q.cell.table, q.id);
    }
    case 'check':
      if (choice === 'continue' || /^(继续|暂不修改)/u.test(text.trim())) {
        t.state.accepted.push(q.id);
        return advance(t, q.id);
      }
      return ask(t);
    case 'narrative': {
      const pending = t.state.pending?.question === q.id ? t.state.pending : undefined;
      if (pending && (text.trim() === 'keep' || /^保留/u.test(text.trim()))) return answerNarrative(t, q, pending.text, true);
      if (pending && (text.trim() === 'revise' || /^重新填写|^重写/u.test(text.trim()))) {
        delete t.state.pending;
        return t.say(T.reviseAsk);
      }
      if (choice === 'standard' && q.id === 'preamble') {
        const d = t.draft!;
        return answerNarrative(t, q, T.preambleText(d.agency.name, d.year, d.agency.address, d.agency.postcode, d.agency.phone));
      }
      return answerNarrative(t, q, text);
    }
    case 'done': return ask(t);
  }
}

async function answerMeta(t: Turn, id: string, text: string, choice: string | undefined): Promise<void> {
  const s = text.trim();
  switch (id) {
    case 'agency.name':
      if (s.length < 2 || s.length > 100) return t.say(T.agencyNameBad);
      t.set('agency.name', s);
      break;
    case 'year': {
      const y = readYear(s);
      if (typeof y === 'string') return t.say(y);
      const to = formatIdForYear(y)!;
      if (to !== fmt(t)) return t.say(T.yearFormatChange(fmt(t), to));
      t.set('year', String(y));
      break;
    }
    case 'agency.level': {
      const v = choice ?? (/政府|街道|乡|镇/u.test(s) ? 'government' : /部门|局|委|办/u.test(s) ? 'department' : undefined);
      if (!v) return t.choose(T.levelBad, [{ title: T.levelDepartment, value: 'department' }, { title: T.levelGovernment, value: 'government' }]);
      t.set('agency.level', v);
      break;
    }
    case 'agency.postcode': {
      const p = s.replace(/[\uFF10-\uFF19]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
      if (!/^\d{6}$/.test(p)) return t.say(T.postcodeBad);
      t.set('agency.postcode', p);
      break;
    }
    case 'agency.phone':
      if ((s.match(/[\d\uFF10-\uFF19]/gu) ?? []).length < 7) return t.say(T.phoneBad);
      t.set('agency.phone', s);
      break;
    default:
      if (!s) return t.say(T.textBad);
      t.set(id, s);
  }
  return advance(t, id);
}
