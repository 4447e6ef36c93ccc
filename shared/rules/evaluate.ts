/** The one evaluator: a draft (and optionally last year's) → findings. Checks change nothing. */
import { isAmount, isCount, isDelta, parseCell, plainInteger, type CellValue } from '../cells.js';
import type { Draft } from '../draft.js';
import { draftFormat } from '../draft-format.js';
import { FIRST_SUPPORTED_YEAR, FORMATS, formatIdForYear, TABLE_IDS, type CellKind, type FormatId } from '../formats/index.js';
import { MESSAGES } from '../messages.js';
import { finding, type Finding } from './catalogue.js';
import { compiled, type CompiledFormat, type CompiledRelation } from './compiled.js';

export interface CheckOptions {
  /** Last year's report: enables the carry.* rules. */
  readonly previous?: Pick<Draft, 'year' | 'format' | 'cells'>;
}

/**
 * Parsed cells of one report, by the format's cell index: each cell is parsed once, plain digits (nearly every
 * cell) without building a reading at all. The arrays are scratch space of the format, reused by the next check
 * (checkTables is synchronous and never re-entered), so a check allocates nothing for a consistent draft.
 */
interface Sheet {
  readonly c: CompiledFormat;
  /** ABSENT, PLAIN (plain digits, the number is in `numbers`) or PARSED (the reading is in `readings`). */
  readonly state: Uint8Array;
  /** Readings of the PARSED cells only. */
  readonly readings: (CellValue | undefined)[];
  /** The usable numbers (NaN where a sum cannot use the cell). */
  readonly numbers: Float64Array;
  /** By position in TABLE_IDS: 1 where the draft has at least one cell of that table. */
  readonly present: Uint8Array;
  /** Cell ids of another format that the draft holds, in the draft's order (format.mixed). */
  foreign: readonly string[];
}

const ABSENT = 0, PLAIN = 1, PARSED = 2;
const scratch = new Map<FormatId, Sheet>();

/** Last year's numbers that the carry rules read, by cell id (absent: blank or not a number). */
type LastYear = ReadonlyMap<string, number>;

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

const NONE: readonly string[] = Object.freeze([]);
const hasOwn = Object.prototype.hasOwnProperty;

function readSheet(c: CompiledFormat, cells: Readonly<Record<string, string>>): Sheet {
  let sheet = scratch.get(c.format);
  if (!sheet) {
    const n = c.cells.length;
    sheet = { c, state: new Uint8Array(n), readings: new Array<CellValue | undefined>(n), numbers: new Float64Array(n), present: new Uint8Array(TABLE_IDS.length), foreign: NONE };
    scratch.set(c.format, sheet);
  }
  const { state, readings, numbers, present } = sheet;
  state.fill(ABSENT);
  numbers.fill(NaN);
  present.fill(0);
  // The format's own ids looked up one by one: a draft's cells object has hundreds of keys (dictionary mode),
  // where enumerating them (Object.keys) costs more than the look-ups. Ids the format does not know are not
  // read at all, except another format's (a short list): they make a format.mixed finding.
  const { ids, tableOfCell } = c;
  const get = cells as Readonly<Record<string, string | number | undefined>>;
  for (let i = 0; i < ids.length; i++) {
    const raw = get[ids[i]!];
    if (raw === undefined) continue;
    present[tableOfCell[i]!] = 1;
    const plain = typeof raw === 'string' ? plainInteger(raw) : -1;
    if (plain >= 0) {
      // Plain digits are valid in every kind of cell and raise no cell finding: no full parse, no reading.
      numbers[i] = plain;
      state[i] = PLAIN;
      continue;
    }
    const v = parseCell(raw as string);
    readings[i] = v;
    state[i] = PARSED;
    if (usable(c.cells[i]!.kind, v)) numbers[i] = v.value!;
  }
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

/** Only the cells of last year's report that this format's carry rules read, parsed by their own kind. */
function readLastYear(c: CompiledFormat, previous: Pick<Draft, 'year' | 'format' | 'cells'>): LastYear {
  const format = previous.year >= FIRST_SUPPORTED_YEAR ? draftFormat(previous) : undefined;
  const known = format ? compiled(format).index : undefined;
  const out = new Map<string, number>();
  if (!known) return out;
  const lastCells = compiled(format!).cells;
  for (const id of c.lastIds) {
    const i = known.get(id);
    const raw = previous.cells[id];
    if (i === undefined || raw === undefined) continue;
    const v = parseCell(raw);
    if (usable(lastCells[i]!.kind, v)) out.set(id, v.value!);
  }
  return out;
}

function cellFindings(s: Sheet, out: Finding[]): void {
  const { cells } = s.c;
  for (let i = 0; i < cells.length; i++) {
    if (!s.present[s.c.tableOfCell[i]!]) continue;
    const st = s.state[i]!;
    if (st === PLAIN) continue;
    const def = cells[i]!;
    const v = st === PARSED ? s.readings[i]! : parseCell('');
    switch (v.kind) {
      case 'blank': out.push(finding('cell.blank', MESSAGES.blank(def.label), [def.id])); continue;
      case 'na': out.push(finding('cell.blank', MESSAGES.na(def.label, v), [def.id])); continue;
      case 'number': case 'text': break;
    }
    if (!Number.isNaN(s.numbers[i]!)) {
      if (v.unit) out.push(finding('cell.unit', MESSAGES.unit(def.label, v), [def.id]));
      continue;
    }
    if (def.kind === 'count') out.push(finding('cell.not-a-count', MESSAGES.notCount(def.label, v), [def.id]));
    else out.push(finding('cell.not-a-number', def.kind === 'delta' ? MESSAGES.notDelta(def.label, v) : MESSAGES.notAmount(def.label, v), [def.id]));
  }
}

/** What the finding calls the checked side: one cell's label, or the terms' common row/column. */
function targetText(c: CompiledFormat, r: CompiledRelation): string {
  const defs = Array.from(r.actual, (i) => c.cells[i]!);
  if (defs.length === 1) return defs[0]!.label;
  if (defs.every((d) => d.row === defs[0]!.row)) return `${defs[0]!.rowLabel}·${defs.map((d) => d.columnLabel).join('加')}`;
  return `${defs[0]!.columnLabel}列：${defs.map((d) => d.rowLabel).join('与')}之和`;
}

function relationFindings(s: Sheet, last: LastYear | undefined, out: Finding[]): void {
  const { c, numbers } = s;
  next: for (const r of c.relations) {
    let actual = 0, expected = 0;
    for (let k = 0; k < r.actual.length; k++) {
      const v = numbers[r.actual[k]!]!;
      if (v !== v) continue next; // NaN: blank or invalid, reported by the cell checks
      actual += v * r.actualWeights[k]!;
    }
    for (let k = 0; k < r.expected.length; k++) {
      const v = numbers[r.expected[k]!]!;
      if (v !== v) continue next;
      expected += v * r.expectedWeights[k]!;
    }
    if (r.lastIds.length) {
      if (!last) continue;
      for (let k = 0; k < r.lastIds.length; k++) {
        const v = last.get(r.lastIds[k]!);
        if (v === undefined) continue next;
        expected += v * r.lastWeights[k]!;
      }
    }
    const rel = r.relation;
    const ok = rel.op === '=' ? Math.abs(actual - expected) < 1e-9 : actual >= expected - 1e-9;
    if (ok) continue;
    const text = targetText(c, r);
    const message = rel.op === '=' ? MESSAGES.sum(text, expected, actual, rel.describes) : MESSAGES.atLeast(text, expected, actual, rel.describes);
    const ids = [...Array.from(r.actual, (i) => c.cells[i]!.id), ...Array.from(r.expected, (i) => c.cells[i]!.id)];
    out.push(finding(rel.rule, message, ids, { expected, actual }));
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
  relationFindings(sheet, options.previous ? readLastYear(sheet.c, options.previous) : undefined, out);
  plausibilityFindings(sheet, out);
  return out;
}
