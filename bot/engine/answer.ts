/** Taking the clerk's answer to the current question: checking it, storing it, filling totals, moving on. */
import { catalogue, formatIdForYear, parseCell, type Finding, type FormatId, type TableId } from '../../shared/index.js';
import { checkAnswer, signatureDateFindings } from '../../shared/narrative/index.js';
import { isoToChinese } from '../../shared/render/model.js';
import { readDate } from '../../shared/dates.js';
import { toHalfWidth } from '../../shared/width.js';
import { choicesOf, matchChoice } from './choices.js';
import { runCommand } from './commands.js';
import { advance, AMOUNT_UNIT, ask, firstOpen, fmt, list, pathOf, TABLE_NAME } from './flow.js';
import { figureCount, mapGrid, readGrid, REST_ZERO, tableRows } from './grid.js';
import { readNumber } from './numbers.js';
import { activeApplicants, gateValue, t3Applicants, type Question } from './questions.js';
import { readYear } from './start.js';
import { isComputed, tableComplete, tableFindings, totalChanges } from './tables.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';

const YES = /^(有|是|是的|有的|收到|收到了|有数字要填|要填|对|yes|y)$/iu;
const NO = /^(没有|无|否|没|没收到|没有收到|都是0|都是零|全是0|全部为0|不是|0|零|no|n)$/iu;

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
  // a warning about the length or emptiness of a part is given once: a clerk who rewrote it short again meant it
  const once = new Set(['narrative.missing-part', 'narrative.empty', 'narrative.fees']);
  const warned = (t.state.warned ??= []);
  const kind = (f: Finding) => `${q.id}:${f.rule}:${f.message.replace(/\d+/gu, '')}`;
  const findings = keep ? [] : checkAnswer(q.id, text, t.draft!).filter((f) => !(once.has(f.rule) && warned.includes(kind(f))));
  for (const f of findings) if (once.has(f.rule) && !warned.includes(kind(f))) warned.push(kind(f));
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
  // an empty message (or only spaces) gets the question again
  if (!text.trim() && q.type !== 'done') return ask(t);
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
      const v = choice ?? (YES.test(text.trim()) ? 'yes' : NO.test(text.trim().replace(/\s+/gu, '')) ? 'no' : undefined);
      if (!v && readGrid(text).length) return answerGrid(t, q, text);
      if (!v) return t.choose(T.gateBad, choicesOf(t, q));
      if (choice === 'all-zero') {
        // every block of 表二 at once
        const gates = list(t).filter((x): x is Extract<Question, { type: 'gate' }> => x.type === 'gate' && x.table === 't2');
        for (const g of gates) t.state.gates[g.id] = false;
        const cells = gates.flatMap((g) => g.cells);
        zero(t, cells);
        t.say(T.zeroFilled(cells.length));
        return afterTable(t, 't2', gates[gates.length - 1]!.id);
      }
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
      if (!picked && figureCount(readGrid(text)) > 1) return answerGrid(t, q, text);
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
      if (REST_ZERO.test(text.trim().replace(/\s+/gu, ''))) return restZero(t, q, /^(这一?行|本行)/u.test(text.trim()));
      const lines = readGrid(text);
      if (figureCount(lines) > 1 || lines.length > 1) return answerGrid(t, q, text);
      const r = readNumber(text, q.cell.kind, AMOUNT_UNIT);
      if (!r.ok) return t.say(numberProblem(r.reason, r.found));
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
      if (q.id === 'other.fees' && !/处理费/u.test(text) && FEE_ANSWER.test(text.trim())) return answerNarrative(t, q, T.feesSentence(text.trim()));
      if (choice === 'standard' && q.id === 'preamble') {
        const d = t.draft!;
        return answerNarrative(t, q, T.preambleText(d.agency.name, d.year, d.agency.address, d.agency.postcode, d.agency.phone));
      }
      return answerNarrative(t, q, text);
    }
    case 'signature': return answerSignature(t, text, choice);
    case 'done': return ask(t);
  }
}

const FEE_ANSWER = /^(?:未收取|不收取|没有收取|没收|免收|无|没有|\d+(?:\.\d+)?\s*(?:元|万元))[。.]?$/u;

function numberProblem(reason: string, found?: string[]): string {
  return reason === 'several' ? T.several(found ?? []) : reason === 'negative' ? T.negative
    : reason === 'fraction' ? T.fraction : reason === 'none' ? T.noNumber : reason === 'approx' ? T.approx : T.unclear;
}

/** Where figures typed at a question start: its table, row and column. */
function gridStart(format: FormatId, q: Question): { table: TableId; row: string; column?: string } | undefined {
  if (q.type === 'cell') return { table: q.cell.table, row: q.cell.row, column: q.cell.column };
  if (q.type === 'applicants') return { table: 't3', row: 'new' };
  if (q.type !== 'gate') return undefined;
  if (q.table === 't2') return { table: 't2', row: q.id.slice('gate.t2.'.length) };
  if (q.table === 't4') return { table: 't4', row: q.group ?? 'review' };
  const first = q.group ? tableRows(format, 't3').find((r) => r.id.startsWith(`${q.group}.`)) : undefined;
  return { table: 't3', row: first?.id ?? 'new' };
}

/**
 * Figures for several cells at once (a row, a block, a pasted table): read, checked (each value, and a stated total
 * against the sum of its parts), then stored together, confirmed as a small table, and the interview moves on.
 * Nothing is stored when anything is wrong.
 */
async function answerGrid(t: Turn, q: Question, text: string): Promise<void> {
  const format = fmt(t);
  const start = gridStart(format, q);
  if (!start) return ask(t);
  const m = mapGrid(format, start.table, readGrid(text), start);
  if (!m.ok) {
    if (m.reason === 'width') {
      const cols = m.row.cells.map((c) => c.columnLabel).join('、');
      return t.say(T.gridWidth(m.row.label, m.expected, m.got, cols));
    }
    return t.say(m.reason === 'rows' ? T.gridRows(m.lines, m.rows) : T.gridLabel(m.label));
  }
  const cells = { ...t.draft!.cells };
  const writes: { id: string; raw: string }[] = [];
  for (const row of m.rows) {
    for (const w of row.writes) {
      const def = catalogue(format).byId.get(w.id)!;
      const r = readNumber(w.value, def.kind, AMOUNT_UNIT);
      if (!r.ok) return t.say(T.gridBad(def.label, numberProblem(r.reason, r.found)));
      writes.push({ id: w.id, raw: r.raw });
      cells[w.id] = r.raw;
    }
  }
  for (const c of totalChanges(format, cells)) cells[c.path.slice('cells.'.length)] = String(c.value);
  for (const row of m.rows) {
    for (const tot of row.totals) {
      const sum = Number(cells[tot.id]);
      if (cells[tot.id] !== undefined && Number(tot.value) !== sum) return t.say(T.gridTotal(row.row.label, tot.value, sum));
    }
  }
  for (const w of writes) t.set(`cells.${w.id}`, w.raw);
  // the figures say what the gates would have asked: let the cells speak for the gates they cover
  const written = new Set(writes.map((w) => w.id));
  for (const g of list(t)) if (g.type === 'gate' && g.cells.some((c) => written.has(c))) delete t.state.gates[g.id];
  if (t.state.applicants && writes.some((w) => w.raw !== '0' && !t.state.applicants!.includes(catalogue(format).byId.get(w.id)!.column))) delete t.state.applicants;
  // the confirmation: every row read with a figure, the rows of zeros counted (a pasted 表三 has 20 of them)
  const zeroRows = m.rows.filter((r) => [...r.writes, ...r.totals].every((w) => Number(t.draft!.cells[w.id] ?? w.value) === 0));
  const shown = m.rows.filter((r) => !zeroRows.includes(r) || m.rows.length <= 3);
  t.say(T.gridRead([
    ...shown.map((r) => `• ${r.row.label}：${[...r.writes, ...r.totals].map((w) => `${catalogue(format).byId.get(w.id)!.columnLabel} ${t.draft!.cells[w.id] ?? w.value}`).join('，')}`),
    ...(shown.length < m.rows.length ? [T.gridZeroRows(m.rows.length - shown.length)] : []),
  ]));
  return afterTable(t, start.table, q.id);
}

/** 「都是 0」 at a cell: the rest of its block (t2 block, t3 group or row, t4 group) is 0; 「这一行都是 0」 its row. */
async function restZero(t: Turn, q: Extract<Question, { type: 'cell' }>, rowOnly = false): Promise<void> {
  const qs = list(t);
  const i = qs.findIndex((x) => x.id === q.id);
  const gate = qs.slice(0, i).reverse().find((x): x is Extract<Question, { type: 'gate' }> => x.type === 'gate' && x.cells.includes(q.id));
  const rowScope = rowOnly || !gate || gate.id === 'gate.t3' || gate.id === 'gate.t4';
  const rest = qs.slice(i).filter((x): x is Extract<Question, { type: 'cell' }> =>
    x.type === 'cell' && t.draft!.cells[x.id] === undefined && (rowScope ? x.cell.table === q.cell.table && x.cell.row === q.cell.row : gate!.cells.includes(x.id)));
  zero(t, rest.map((x) => x.id));
  t.say(T.restZero(rest.length));
  return afterTable(t, q.cell.table, rest[rest.length - 1]?.id ?? q.id);
}

/** The 落款: the offered default, or a date (and a signing agency) typed; the report is generated right after. */
async function answerSignature(t: Turn, text: string, choice: string | undefined): Promise<void> {
  const d = t.draft!;
  let iso: string | undefined, agency: string | undefined;
  const v = choice ?? text.trim();
  if (v.startsWith('sign:')) iso = v.slice(5);
  else {
    const read = readDate(v);
    if (!read) return t.choose(T.signatureBad, choicesOf(t, list(t).find((q) => q.id === 'signature')!));
    iso = read.iso;
    agency = read.before;
  }
  const wrong = signatureDateFindings(d.year, iso);
  if (wrong.length) return t.say(T.signatureOutside(wrong[0]!.message));
  if (agency && agency !== d.agency.name) t.set('signature.agency', agency);
  t.set('signature.date', iso);
  t.say(T.signatureSet(d.signature?.agency ?? d.agency.name, isoToChinese(iso)!));
  const next = firstOpen(t, list(t), 'signature');
  if (next === 'done' && !t.state.returnTo) return runCommand(t, 'finish', '');
  return advance(t, 'signature');
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
    case 'agency.address': {
      // 「××路1号 264200 0631-1234567」: address, postcode and phone in one answer
      const s = text.trim().replace(/[—－–‐]/gu, '-');
      const postcode = /(?<![\d-])(\d{6})(?![\d-])/u.exec(s);
      const phone = /(?<![\d])((?:\(?0\d{2,3}\)?[-－ ]?)?\d{7,8}(?:[-－转]\d{1,6})?|1[3-9]\d{9}|12345)(?!\d)/u.exec(s.replace(postcode?.[0] ?? '\u0000', ''));
      if (postcode && phone) {
        const address = s.replace(postcode[1]!, ' ').replace(phone[1]!, ' ')
          .replace(/(?:地址|邮编|邮政编码|电话|联系电话)[:：]?/gu, ' ').replace(/[\s,，;；、]+/gu, ' ').trim();
        if (address.length >= 2) {
          t.set('agency.address', address);
          t.set('agency.postcode', postcode[1]!);
          t.set('agency.phone', phone[1]!.trim());
          t.say(T.contactRead(address, postcode[1]!, phone[1]!.trim()));
          break;
        }
      }
      if (!s) return t.say(T.textBad);
      t.set(id, s);
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
