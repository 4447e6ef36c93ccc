/** A grid of values read from a sheet (as Excel returns range.values) → draft cells, by the plan's addresses. */
import type { SheetPlan } from '../layout.js';

/** A number as a draft writes it: integers plainly, other numbers without binary noise (0.1+0.2 → "0.3"). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? String(n) : String(Number.parseFloat(n.toPrecision(15)));
}

/** One cell value → draft text; undefined for an empty cell. */
export function valueText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/**
 * Reads a grid of values (origin A1: values[0][0] is A1) back into draft cells: numbers become their text, empty
 * cells are omitted, text is kept as typed (the rules core reads it).
 */
export function cellsFromValues(plan: SheetPlan, values: readonly (readonly unknown[])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of plan.cells) {
    if (!c.cellId) continue;
    const t = valueText(values[c.row]?.[c.col]);
    if (t !== undefined) out[c.cellId] = t;
  }
  return out;
}
