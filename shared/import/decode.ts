/**
 * Cells run together by a crawler (「640020470」 for 64 | 0 | 0 | 2 | 0 | 4 | 70): every way of cutting the digits
 * into the row's cells is tried, and only readings that satisfy the format's own equalities (row totals, column
 * balances, group totals — shared/rules/relations.ts) are kept. A row is read only when one reading remains.
 */
import type { FormatId } from '../formats/index.js';
import { relations } from '../rules/relations.js';
import { num, readRow, type RowEquation } from './readings.js';

export interface PendingRow {
  /** Key for the caller (e.g. `t3.new` or `t4`). */
  readonly key: string;
  readonly cellIds: readonly string[];
  /** Values as read: digit runs may hold several cells; anything else is one cell. */
  readonly parts: readonly string[];
}

export type DecodeOutcome =
  | { readonly key: string; readonly ok: true; readonly values: readonly string[]; readonly forced: boolean }
  | { readonly key: string; readonly ok: false; readonly reason: 'ambiguous' | 'none' | 'too-many'; readonly readings: readonly (readonly string[])[] };

const MAX_STEPS = 200_000;
const MAX_SOLUTIONS = 256;

interface Equation {
  readonly terms: readonly { readonly id: string; readonly w: number }[];
}

const equationCache = new Map<string, Equation[]>();

/** Equalities over this year's cells of one table, as signed terms summing to 0. */
function equations(format: FormatId, table: string): Equation[] {
  const key = `${format}/${table}`;
  const cached = equationCache.get(key);
  if (cached) return cached;
  const out: Equation[] = [];
  equationCache.set(key, out);
  for (const r of relations(format)) {
    if (r.op !== '=' || !r.actual[0]?.ref.startsWith(`${table}.`)) continue;
    if (r.actual.some((t) => t.year !== 'this') || r.expected.some((t) => t.year !== 'this')) continue;
    out.push({ terms: [...r.actual.map((t) => ({ id: t.ref, w: t.weight })), ...r.expected.map((t) => ({ id: t.ref, w: -t.weight }))] });
  }
  return out;
}

/** By the row's id array (tables.ts passes one array per catalogue row), then by format and table. */
const rowEquationCache = new WeakMap<readonly string[], Map<string, RowEquation[]>>();

/** The equations of `table` whose every term is a cell of the row `cellIds` (the same for every report: memoised). */
function rowEquations(format: FormatId, table: string, cellIds: readonly string[]): RowEquation[] {
  let byTable = rowEquationCache.get(cellIds);
  if (!byTable) rowEquationCache.set(cellIds, (byTable = new Map()));
  const key = `${format}/${table}`;
  let list = byTable.get(key);
  if (list) return list;
  list = [];
  for (const e of equations(format, table)) {
    const cols = e.terms.map((t) => cellIds.indexOf(t.id));
    if (cols.every((c) => c >= 0)) list.push({ cols, ws: e.terms.map((t) => t.w) });
  }
  byTable.set(key, list);
  return list;
}

/**
 * `fixed`: the table's cells read without doubt (raw text by id). Returns one outcome per pending row.
 */
export function decodeRows(format: FormatId, table: string, pending: readonly PendingRow[], fixed: Readonly<Record<string, string>>): DecodeOutcome[] {
  const eqs = equations(format, table);
  // Pending rows are distinct rows of the table, so a cell id belongs to at most one of them.
  // Where each pending cell is: row index and column, in one map.
  const at = new Map<string, { row: number; col: number }>();
  for (let i = 0; i < pending.length; i++) {
    const ids = pending[i]!.cellIds;
    for (let k = 0; k < ids.length; k++) at.set(ids[k]!, { row: i, col: k });
  }
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { value } = { value(id: string) { return num(fixed[id]); } };

  // 1. Each row alone: readings that satisfy the equations lying wholly within the row.
  const total: number[] = [];
  const cands: (string[][] | undefined)[] = pending.map((p, i) => {
    const read = readRow(p.parts, p.cellIds.length, rowEquations(format, table, p.cellIds));
    total[i] = read?.total ?? Infinity;
    return read?.kept;
  });

  // 2. Rows left with several readings: search the combinations that satisfy the equations across rows.
  const open = pending.map((_, i) => i).filter((i) => (cands[i]?.length ?? 0) > 1);
  const openAt = pending.map((_, i) => open.indexOf(i));
  const chosen = new Map<number, string[]>();
  pending.forEach((_, i) => cands[i]?.length === 1 && chosen.set(i, cands[i]![0]!));
  const { cellValue } = {
    cellValue(id: string): number {
      const p = at.get(id);
      if (p === undefined) return value(id);
      const c = chosen.get(p.row);
      return c ? num(c[p.col]) : NaN;
    }
  };
  // Equations that touch an open row, checked once the last open row they touch is chosen.
  const cross: { e: Equation; at: number }[] = [];
  if (open.length) {
    for (const e of eqs) {
      let last = -1;
      for (const t of e.terms) {
        const r = at.get(t.id)?.row;
        if (r !== undefined && openAt[r]! > last) last = openAt[r]!;
      }
      if (last >= 0) cross.push({ e, at: last });
    }
  }
  const seen: Set<number>[] = open.map(() => new Set());
  let steps = 0, solutions = 0, cut = false;
  const { holds } = {
    holds(e: Equation) {
      let s = 0;
      for (const t of e.terms) {
        const v = cellValue(t.id);
        if (v !== v) return true; // a blank or unknown cell: the equation says nothing
        s += t.w * v;
      }
      return s === 0;
    }
  };
  const choice: number[] = [];
  const { search } = {
    search(k: number): void {
      if (cut) return;
      if (k === open.length) {
        solutions++;
        choice.forEach((c, i) => seen[i]!.add(c));
        if (solutions >= MAX_SOLUTIONS) cut = true;
        return;
      }
      const row = open[k]!;
      const list = cands[row]!;
      for (let c = 0; c < list.length; c++) {
        if (++steps > MAX_STEPS) {
          cut = true;
          return;
        }
        chosen.set(row, list[c]!);
        choice[k] = c;
        if (cross.every((x) => x.at !== k || holds(x.e))) search(k + 1);
      }
      chosen.delete(row);
    }
  };
  if (open.length) search(0);

  return pending.map((p, i): DecodeOutcome => {
    const list = cands[i];
    if (!list) return { key: p.key, ok: false, reason: 'too-many', readings: [] };
    if (list.length === 0) return { key: p.key, ok: false, reason: 'none', readings: [] };
    const forced = total[i] === 1;
    if (list.length === 1) return { key: p.key, ok: true, values: list[0]!, forced };
    const s = seen[openAt[i]!]!;
    if (!cut && solutions > 0 && s.size === 1) return { key: p.key, ok: true, values: list[[...s][0]!]!, forced: false };
    const shown = solutions > 0 && !cut ? [...s].map((c) => list[c]!) : list;
    return { key: p.key, ok: false, reason: 'ambiguous', readings: shown.slice(0, 4) };
  });
}
