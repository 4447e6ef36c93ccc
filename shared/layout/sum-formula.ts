/**
 * Evaluates the formulas a plan writes into total cells (`=SUM(…)±SUM(…)`, plain references, numbers) so a workbook
 * saved without cached values can still be read. Anything else is not evaluated (undefined).
 */
import { parseRange } from './a1.js';

export type ValueAt = (row: number, col: number) => number | undefined;

const TERM = /^([+-]?)(?:SUM\(([^()]*)\)|(\$?[A-Z]{1,3}\$?\d+)|(\d+(?:\.\d+)?))/i;

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
