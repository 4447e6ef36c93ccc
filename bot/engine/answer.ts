/** Taking the clerk's answer to the current question: checking it, storing it, filling totals, moving on. */
import { catalogue, formatIdForYear, parseCell } from '../../shared/index.js';
import { checkAnswer } from '../../shared/narrative/index.js';
import { toHalfWidth } from '../../shared/width.js';
import { choicesOf, matchChoice } from './choices.js';
import { advance, ask, fmt, list, pathOf, TABLE_NAME } from './flow.js';
import { readNumber } from './numbers.js';
import { activeApplicants, gateValue, t3Applicants, type Question } from './questions.js';
import { readYear } from './start.js';
import { isComputed, tableComplete, tableFindings, totalChanges } from './tables.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';

const YES = /^(有|是|是的|有的|收到|收到了|有数字要填|要填|对|yes|y)$/iu;
const NO = /^(没有|无|否|没|没收到|没有收到|都是0|都是零|全是0|全部为0|不是|no|n)$/iu;

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
      const p = toHalfWidth(s, 'digits');
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
