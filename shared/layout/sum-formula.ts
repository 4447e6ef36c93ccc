/**
 * Evaluates the formulas a plan writes into total cells (`=IF(COUNT(…)=0,"",SUM(…))`, `=SUM(…)±SUM(…)`, plain
 * references, numbers) so a workbook saved without cached values can still be read. Anything else is not evaluated.
 */
import { parseRange } from './a1.js';

export type ValueAt = (row: number, col: number) => number | undefined;

const TERM = /^([+-]?)(?:SUM\(([^()]*)\)|(\$?[A-Z]{1,3}\$?\d+)|(\d+(?:\.\d+)?))/i;

const BLANK_IF_EMPTY = /^IF\(COUNT\(([^()]*)\)=0,"",(.*)\)$/i;

/**
 * The value of a total formula: a number, '' when the formula leaves the cell empty (no part filled in), undefined
 * when it is not a formula of this kind. Blank cells count as 0 in a SUM, as in a spreadsheet.
 */
export function evaluateTotal(formula: string, valueAt: ValueAt): number | '' | undefined {
  const s = formula.trim().replace(/^=/, '').replace(/\s+/g, '');
  const m = BLANK_IF_EMPTY.exec(s);
  if (!m) return evaluateSum(s, valueAt);
  let numbers = 0;
  const counted = evaluateSum(`SUM(${m[1]})`, (row, col) => {
    if (valueAt(row, col) !== undefined) numbers++;
    return 0;
  });
  if (counted === undefined) return undefined;
  return numbers === 0 ? '' : evaluateSum(m[2]!, valueAt);
}

/** The value of a SUM formula; blank cells count as 0 as a spreadsheet would; undefined if not a plain sum. */
export function evaluateSum(formula: string, valueAt: ValueAt): number | undefined {
  let s = formula.trim().replace(/^=/, '').replace(/\s+/g, '');
  if (!s) return undefined;
  let total = 0;
  while (s) {
    const m = TERM.exec(s);
    if (!m) return undefined;
    const sign = m[1] === '-' ? -1 : 1;
    let v = 0;
    if (m[4] !== undefined) v = Number(m[4]);
    else {
      for (const ref of (m[2] ?? m[3] ?? '').split(',')) {
        if (!ref) continue;
        const r = parseRange(ref);
        if (!r) return undefined;
        for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) v += valueAt(row, col) ?? 0;
      }
    }
    total += sign * v;
    s = s.slice(m[0].length);
    if (s && s[0] !== '+' && s[0] !== '-') return undefined;
  }
  return total;
}

/** The cells a total formula reads, or undefined when it is not one evaluateTotal understands. */
export function sumReferences(formula: string): { row: number; col: number }[] | undefined {
  const cells: { row: number; col: number }[] = [];
  const ok = evaluateTotal(formula, (row, col) => {
    cells.push({ row, col });
    return 0;
  });
  return ok === undefined ? undefined : cells;
}
