/** The sum rules of the rules core as spreadsheet formulas (this-year terms only; last-year terms need last year's file). */
import type { Relation, Term } from '../rules/relations.js';
import { compactRanges } from './a1.js';

export type Locate = (cellId: string) => { row: number; col: number };

/** Relations a worksheet can check on its own: every term is a cell of this year's sheet. */
export function isSheetRelation(r: Relation): boolean {
  return [...r.actual, ...r.expected].every((t) => t.year === 'this');
}

/** `SUM($D$6:$D$27)`, `SUM($B$3)-SUM($C$3)`, or `0` for no terms. */
export function sumExpression(terms: readonly Term[], at: Locate): string {
  const plus = terms.filter((t) => t.weight === 1).map((t) => at(t.ref));
  const minus = terms.filter((t) => t.weight === -1).map((t) => at(t.ref));
  const parts: string[] = [];
  if (plus.length) parts.push(`SUM(${compactRanges(plus).join(',')})`);
  if (minus.length) parts.push(`-SUM(${compactRanges(minus).join(',')})`);
  return parts.length ? parts.join('') : '0';
}

/**
 * A total cell's starting formula, e.g. `=IF(COUNT($D$6:$I$6)=0,"",SUM($D$6:$I$6))`: only for a sum of this-year
 * cells with weight +1. It stays empty until a part is filled in (blank is not zero), so an untouched row does not
 * count as 0 in the checks of other totals.
 */
export function totalFormula(r: Relation, at: Locate): string | undefined {
  if (r.op !== '=' || r.actual.length !== 1 || !isSheetRelation(r)) return undefined;
  if (!r.expected.length || r.expected.some((t) => t.weight !== 1)) return undefined;
  const refs = compactRanges(r.expected.map((t) => at(t.ref))).join(',');
  return `=IF(COUNT(${refs})=0,"",SUM(${refs}))`;
}

/**
 * The conditional-format formula that is TRUE when the relation is broken and every term holds a number
 * (a blank part never flags, as the evaluator skips sums with a blank part). Leading '=' as Office.js wants it.
 */
export function violationFormula(r: Relation, at: Locate): string {
  const all = [...r.actual, ...r.expected];
  const unique = [...new Map(all.map((t) => [t.ref, at(t.ref)])).values()];
  const count = `COUNT(${compactRanges(unique).join(',')})=${unique.length}`;
  const actual = sumExpression(r.actual, at), expected = sumExpression(r.expected, at);
  const broken = r.op === '=' ? `ABS(${actual}-(${expected}))>0.0000001` : `${actual}<${expected}-0.0000001`;
  return `=AND(${count},${broken})`;
}
