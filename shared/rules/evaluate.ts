/** The one evaluator: a draft (and optionally last year's) → findings. Checks change nothing. */
import { isAmount, isCount, isDelta, parseCell, plainDecimal, plainInteger, type CellValue } from '../cells.js';
import type { Draft } from '../draft.js';
import { draftFormat } from '../draft-format.js';
import { FIRST_SUPPORTED_YEAR, FORMATS, formatIdForYear, TABLE_IDS, type CellKind, type FormatId } from '../formats/index.js';
import { MESSAGES } from '../messages.js';
import { finding, type Finding } from './catalogue.js';
import { AMOUNT, compiled, DELTA, type CompiledFormat } from './compiled.js';

export interface CheckOptions {
  /** Last year's report: enables the carry.* rules. */
  readonly previous?: Pick<Draft, 'year' | 'format' | 'cells'>;
}

/**
 * Parsed cells of one report, by the format's cell index: each cell is parsed once, plain digits (nearly every
 * cell) and plain signed or decimal numbers without building a reading at all. The arrays are scratch space of the
 * format, reused by the next check (checkTables is synchronous and never re-entered), so a check allocates nothing
 * for a consistent draft.
 */
interface Sheet {
  readonly c: CompiledFormat;
  /** ABSENT, PLAIN (a usable number with nothing to say, in `numbers`) or PARSED (the reading is in `readings`). */
  readonly state: Uint8Array;
  /** Readings of the PARSED cells only. */
  readonly readings: (CellValue | undefined)[];
  /** The usable numbers (NaN where a sum cannot use the cell). */
  readonly numbers: Float64Array;
  /** By position in TABLE_IDS: 1 where the draft has at least one cell of that table. */
  readonly present: Uint8Array;
  /** Cells read PLAIN: when every cell is, there is no cell finding to look for. */
  plain: number;
  /** Cell ids of another format that the draft holds, in the draft's order (format.mixed). */
  foreign: readonly string[];
  /** Last year's usable numbers by position in the format's lastIds (NaN: absent, blank or not a number). */
  readonly last: Float64Array;
}

const ABSENT = 0, PLAIN = 1, PARSED = 2;
const scratch = new Map<FormatId, Sheet>();

function usable(kind: CellKind, v: CellValue): boolean {
  switch (kind) {
    case 'count': return isCount(v);
    case 'delta': return isDelta(v);
    case 'amount': return isAmount(v);
    default: {
      const never: never = kind;
      throw new Error(`unknown cell kind ${String(never)}`);
    }
  }
}

/**
 * A number that plainDecimal read (so no unit, no note a message reads) is usable as it stands in a cell of this
 * kind: exactly isCount / isDelta / isAmount of parseCell's reading, for such a number (at most 15 digits: safe).
 */
function plainUsable(kind: number, v: number): boolean {
  return kind === AMOUNT ? v >= 0 : Number.isInteger(v) && (kind === DELTA || v >= 0);
}

const NONE: readonly string[] = Object.freeze([]);
const hasOwn = Object.prototype.hasOwnProperty;

function sheetOf(c: CompiledFormat): Sheet {
  let sheet = scratch.get(c.format);
  if (!sheet) {
    const n = c.cells.length;
    sheet = {
      c, state: new Uint8Array(n), readings: new Array<CellValue | undefined>(n).fill(undefined), numbers: new Float64Array(n),
      present: new Uint8Array(TABLE_IDS.length), plain: 0, foreign: NONE, last: new Float64Array(c.lastIds.length),
    };
    scratch.set(c.format, sheet);
  }
  return sheet;
}

function readSheet(c: CompiledFormat, cells: Readonly<Record<string, string>>): Sheet {
  const sheet = sheetOf(c);
  const { state, readings, numbers, present } = sheet;
  present.fill(0);
  let plainCount = 0;
  // The format's own ids looked up one by one: a draft's cells object has hundreds of keys (dictionary mode),
  // where enumerating them (Object.keys) costs more than the look-ups. Ids the format does not know are not
  // read at all, except another format's (a short list): they make a format.mixed finding.
  const { ids, tableOfCell, kinds } = c;
  const get = cells as Readonly<Record<string, string | number | undefined>>;
  for (let i = 0; i < ids.length; i++) {
    const raw = get[ids[i]!];
    if (raw === undefined) {
      state[i] = ABSENT;
      numbers[i] = NaN;
      continue;
    }
    present[tableOfCell[i]!] = 1;
    if (typeof raw === 'string') {
      const plain = plainInteger(raw);
      if (plain >= 0) {
        // Plain digits are valid in every kind of cell and raise no cell finding: no full parse, no reading.
        numbers[i] = plain;
        state[i] = PLAIN;
        plainCount++;
        continue;
      }
      const d = plainDecimal(raw);
      if (plainUsable(kinds[i]!, d)) {
        numbers[i] = d;
        state[i] = PLAIN;
        plainCount++;
        continue;
      }
    }
    const v = parseCell(raw as string);
    readings[i] = v;
    state[i] = PARSED;
    numbers[i] = usable(c.cells[i]!.kind, v) ? v.value! : NaN;
  }
  sheet.plain = plainCount;
  sheet.foreign = NONE;
  const { foreignList } = c;
  for (let k = 0; k < foreignList.length; k++) {
    // An own-property test: a miss does not walk the prototype chain as a plain read does.
    if (hasOwn.call(get, foreignList[k]!)) {
      sheet.foreign = Object.keys(cells).filter((k) => c.foreignIds.has(k)); // rare: in the draft's own order
      break;
    }
  }
  return sheet;
}

/** Where last year's report (in its own format) keeps the cells this format's carry rules read, by lastIds position. */
interface LastPlan {
  /** Index in the previous format's cells, or -1 where it has no such cell. */
  readonly index: Int32Array;
  readonly ids: readonly string[];
}
/** By this format, then by last year's format: built once per pair. */
const lastPlans = new Map<FormatId, Map<FormatId, LastPlan>>();

function lastPlan(c: CompiledFormat, previous: CompiledFormat): LastPlan {
  let byPrevious = lastPlans.get(c.format);
  if (!byPrevious) lastPlans.set(c.format, (byPrevious = new Map()));
  let plan = byPrevious.get(previous.format);
  if (!plan) {
    const at = c.lastIds.map((id) => previous.index.get(id) ?? -1);
    // The previous format's own (internalised) id strings, as readSheet uses.
    plan = { index: Int32Array.from(at), ids: c.lastIds.map((id, k) => (at[k]! >= 0 ? previous.ids[at[k]!]! : id)) };
    byPrevious.set(previous.format, plan);
  }
  return plan;
}

/** Only the cells of last year's report that this format's carry rules read, parsed by their own kind, into `sheet.last`. */
function readLastYear(sheet: Sheet, previous: Pick<Draft, 'year' | 'format' | 'cells'>): void {
  const { last } = sheet;
  last.fill(NaN);
  const format = previous.year >= FIRST_SUPPORTED_YEAR ? draftFormat(previous) : undefined;
  if (!format) return;
  const p = compiled(format);
  const { index, ids } = lastPlan(sheet.c, p);
  const get = previous.cells as Readonly<Record<string, string | number | undefined>>;
  for (let k = 0; k < ids.length; k++) {
    const i = index[k]!;
    if (i < 0) continue;
    const raw = get[ids[k]!];
    if (raw === undefined) continue;
    if (typeof raw === 'string') {
      const plain = plainInteger(raw);
      if (plain >= 0) {
        last[k] = plain;
        continue;
      }
      const d = plainDecimal(raw);
      if (plainUsable(p.kinds[i]!, d)) {
        last[k] = d;
        continue;
      }
    }
    const v = parseCell(raw as string);
    if (usable(p.cells[i]!.kind, v)) last[k] = v.value!;
  }
}

function cellFindings(s: Sheet, out: Finding[]): void {
  const { cells, tableOfCell } = s.c;
  if (s.plain === cells.length) return; // every cell present and plain: nothing to say
  const { present, state, readings, numbers } = s;
  for (let i = 0; i < cells.length; i++) {
    if (!present[tableOfCell[i]!]) continue;
    const st = state[i]!;
    if (st === PLAIN) continue;
    const def = cells[i]!;
    const v = st === PARSED ? readings[i]! : parseCell('');
    switch (v.kind) {
      case 'blank': out.push(finding('cell.blank', MESSAGES.blank(def.label), [def.id])); continue;
      case 'na': out.push(finding('cell.blank', MESSAGES.na(def.label, v), [def.id])); continue;
      case 'number': case 'text': break;
    }
    if (!Number.isNaN(numbers[i]!)) {
      if (v.unit) out.push(finding('cell.unit', MESSAGES.unit(def.label, v), [def.id]));
      continue;
    }
    if (def.kind === 'count') out.push(finding('cell.not-a-count', MESSAGES.notCount(def.label, v), [def.id]));
    else out.push(finding('cell.not-a-number', def.kind === 'delta' ? MESSAGES.notDelta(def.label, v) : MESSAGES.notAmount(def.label, v), [def.id]));
  }
}

/**
 * Every relation is index arithmetic over `numbers` (and last year's values); the wording of a finding (labels,
 * cell ids, message) is built only for a relation that fails.
 */
function relationFindings(s: Sheet, withLast: boolean, out: Finding[]): void {
  const { c, numbers, last } = s;
  const { terms, weights, spans, equal } = c;
  const n = equal.length;
  let p = 0;
  next: for (let j = 0; j < n; j++) {
    const aEnd = spans[3 * j]!, eEnd = spans[3 * j + 1]!, lEnd = spans[3 * j + 2]!;
    let actual = 0, expected = 0;
    for (; p < aEnd; p++) {
      const v = numbers[terms[p]!]!;
      if (v !== v) { p = lEnd; continue next; } // NaN: blank or invalid, reported by the cell checks
      actual += v * weights[p]!;
    }
    for (; p < eEnd; p++) {
      const v = numbers[terms[p]!]!;
      if (v !== v) { p = lEnd; continue next; }
      expected += v * weights[p]!;
    }
    if (p < lEnd) {
      if (!withLast) { p = lEnd; continue; }
      for (; p < lEnd; p++) {
        const v = last[terms[p]!]!;
        if (v !== v) { p = lEnd; continue next; }
        expected += v * weights[p]!;
      }
    }
    const eq = equal[j] === 1;
    if (eq ? Math.abs(actual - expected) < 1e-9 : actual >= expected - 1e-9) continue;
    const r = c.relations[j]!;
    const message = eq ? MESSAGES.sum(r.text, expected, actual, r.relation.describes) : MESSAGES.atLeast(r.text, expected, actual, r.relation.describes);
    out.push(finding(r.relation.rule, message, [...r.ids], { expected, actual }));
  }
}

function plausibilityFindings(s: Sheet, out: Finding[]): void {
  const { c, numbers } = s;
  for (const r of c.itemRows) {
    const delta = numbers[r.delta]!;
    if (delta > 0 && numbers[r.decisions] === 0) {
      out.push(finding('plausibility.items-without-decisions', MESSAGES.itemsWithoutDecisions(r.label, delta), [c.cells[r.decisions]!.id, c.cells[r.delta]!.id]));
    }
  }
  const p = c.procurement;
  if (!p) return;
  const count = numbers[p.count]!;
  if (count > 0 && !(numbers[p.amount]! > 0) && !(s.state[p.amount] === PARSED && s.readings[p.amount]!.kind === 'text')) {
    out.push(finding('plausibility.procurement-without-amount', MESSAGES.procurementWithoutAmount(count), [c.cells[p.amount]!.id, c.cells[p.count]!.id]));
  }
}

/** Format findings that a draft alone can show. */
function formatFindings(d: Pick<Draft, 'year' | 'format'>, format: FormatId, sheet: Sheet, out: Finding[]): void {
  const wanted = formatIdForYear(d.year);
  if (wanted && wanted !== format) out.push(finding('format.year-mismatch', MESSAGES.yearMismatch(d.year, wanted, format)));
  const { foreign } = sheet;
  if (foreign.length) out.push(finding('format.mixed', MESSAGES.mixedCells(format, foreign), foreign));
}

/** Every rule that can be judged from the tables of a draft: format, structure, cells, sums, carry, plausibility. */
export function checkTables(d: Pick<Draft, 'year' | 'format' | 'cells'>, options: CheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  if (d.year < FIRST_SUPPORTED_YEAR) {
    out.push(finding('format.unsupported-year', MESSAGES.unsupportedYear(d.year)));
    return out;
  }
  const format = draftFormat(d)!;
  const sheet = readSheet(compiled(format), d.cells);
  formatFindings(d, format, sheet, out);
  for (let k = 0; k < TABLE_IDS.length; k++) {
    if (!sheet.present[k]) out.push(finding('structure.missing-table', MESSAGES.missingTable(FORMATS[format][TABLE_IDS[k]!].title)));
  }
  cellFindings(sheet, out);
  const { previous } = options;
  if (previous) readLastYear(sheet, previous);
  relationFindings(sheet, !!previous, out);
  plausibilityFindings(sheet, out);
  return out;
}
