/**
 * A straightforward, interpretive reading of the table rules (SPEC §6) over the same declarations the evaluator
 * compiles: cell ids looked up one by one, every cell parsed with parseCell, every relation summed term by term
 * from relations(format), every message built eagerly. Slow and plain on purpose: the equivalence test holds the
 * compiled evaluator (shared/rules/evaluate.ts) to exactly these findings.
 */
import {
  catalogue, draftFormat, FIRST_SUPPORTED_YEAR, FORMAT_IDS, FORMATS, formatIdForYear, isAmount, isCount, isDelta,
  parseCell, relations, TABLE_IDS, type CellKind, type CellValue, type Draft, type Finding, type FormatId,
} from '../../shared/index.js';
import { finding } from '../../shared/rules/catalogue.js';
import { MESSAGES } from '../../shared/messages.js';

type Input = Pick<Draft, 'year' | 'format' | 'cells'>;

function usable(kind: CellKind, v: CellValue): boolean {
  return kind === 'count' ? isCount(v) : kind === 'delta' ? isDelta(v) : isAmount(v);
}

/** The usable number of a cell of `format`, or undefined (absent, blank, not a number of its kind). */
function numberOf(format: FormatId, cells: Input['cells'], id: string): number | undefined {
  const def = catalogue(format).byId.get(id);
  const raw = cells[id];
  if (!def || raw === undefined) return undefined;
  const v = parseCell(raw);
  return usable(def.kind, v) ? v.value : undefined;
}

export function referenceCheckTables(d: Input, options: { previous?: Input } = {}): Finding[] {
  const out: Finding[] = [];
  if (d.year < FIRST_SUPPORTED_YEAR) return [finding('format.unsupported-year', MESSAGES.unsupportedYear(d.year))];
  const format = draftFormat(d)!;
  const cat = catalogue(format);

  // format
  const wanted = formatIdForYear(d.year);
  if (wanted && wanted !== format) out.push(finding('format.year-mismatch', MESSAGES.yearMismatch(d.year, wanted, format)));
  const foreign = Object.keys(d.cells).filter((k) => !cat.byId.has(k) && FORMAT_IDS.some((f) => f !== format && catalogue(f).byId.has(k)));
  if (foreign.length) out.push(finding('format.mixed', MESSAGES.mixedCells(format, foreign), foreign));

  // structure
  const present = new Set(cat.cells.filter((c) => d.cells[c.id] !== undefined).map((c) => c.table));
  for (const t of TABLE_IDS) if (!present.has(t)) out.push(finding('structure.missing-table', MESSAGES.missingTable(FORMATS[format][t].title)));

  // cells
  for (const def of cat.cells) {
    if (!present.has(def.table)) continue;
    const v = parseCell(d.cells[def.id] ?? '');
    if (v.kind === 'blank') { out.push(finding('cell.blank', MESSAGES.blank(def.label), [def.id])); continue; }
    if (v.kind === 'na') { out.push(finding('cell.blank', MESSAGES.na(def.label, v), [def.id])); continue; }
    if (usable(def.kind, v)) {
      if (v.unit) out.push(finding('cell.unit', MESSAGES.unit(def.label, v), [def.id]));
      continue;
    }
    if (def.kind === 'count') out.push(finding('cell.not-a-count', MESSAGES.notCount(def.label, v), [def.id]));
    else out.push(finding('cell.not-a-number', def.kind === 'delta' ? MESSAGES.notDelta(def.label, v) : MESSAGES.notAmount(def.label, v), [def.id]));
  }

  // sums and carry
  const prev = options.previous;
  const prevFormat = prev && prev.year >= FIRST_SUPPORTED_YEAR ? draftFormat(prev) : undefined;
  relation: for (const r of relations(format)) {
    let actual = 0, expected = 0;
    for (const t of r.actual) {
      const v = numberOf(format, d.cells, t.ref);
      if (v === undefined) continue relation;
      actual += v * t.weight;
    }
    for (const t of r.expected.filter((x) => x.year === 'this')) {
      const v = numberOf(format, d.cells, t.ref);
      if (v === undefined) continue relation;
      expected += v * t.weight;
    }
    for (const t of r.expected.filter((x) => x.year === 'last')) {
      if (!prev) continue relation;
      const v = prevFormat ? numberOf(prevFormat, prev.cells, t.ref) : undefined;
      if (v === undefined) continue relation;
      expected += v * t.weight;
    }
    const ok = r.op === '=' ? Math.abs(actual - expected) < 1e-9 : actual >= expected - 1e-9;
    if (ok) continue;
    const defs = r.actual.map((t) => cat.byId.get(t.ref)!);
    const text = defs.length === 1 ? defs[0]!.label
      : defs.every((x) => x.row === defs[0]!.row) ? `${defs[0]!.rowLabel}·${defs.map((x) => x.columnLabel).join('加')}`
      : `${defs[0]!.columnLabel}列：${defs.map((x) => x.rowLabel).join('与')}之和`;
    const message = r.op === '=' ? MESSAGES.sum(text, expected, actual, r.describes) : MESSAGES.atLeast(text, expected, actual, r.describes);
    const ids = [...r.actual.map((t) => t.ref), ...r.expected.filter((t) => t.year === 'this').map((t) => t.ref)];
    out.push(finding(r.rule, message, ids, { expected, actual }));
  }

  // plausibility
  for (const row of cat.rows) {
    const deltaId = `t2.${row.id}.delta`, decisionsId = `t2.${row.id}.decisions`;
    if (row.table !== 't2' || !cat.byId.has(deltaId) || !cat.byId.has(decisionsId)) continue;
    const delta = numberOf(format, d.cells, deltaId);
    if (delta !== undefined && delta > 0 && numberOf(format, d.cells, decisionsId) === 0) {
      out.push(finding('plausibility.items-without-decisions', MESSAGES.itemsWithoutDecisions(row.label, delta), [decisionsId, deltaId]));
    }
  }
  if (cat.byId.has('t2.procurement.count') && cat.byId.has('t2.procurement.amount')) {
    const count = numberOf(format, d.cells, 't2.procurement.count');
    const amount = numberOf(format, d.cells, 't2.procurement.amount');
    const raw = d.cells['t2.procurement.amount'];
    const isText = raw !== undefined && parseCell(raw).kind === 'text';
    if (count !== undefined && count > 0 && !(amount !== undefined && amount > 0) && !isText) {
      out.push(finding('plausibility.procurement-without-amount', MESSAGES.procurementWithoutAmount(count), ['t2.procurement.amount', 't2.procurement.count']));
    }
  }
  return out;
}
