/**
 * Every way of cutting a row's run-together digits into its n cells (decode.ts keeps the ones the format's sums
 * allow). Readings are enumerated as cut positions with their numbers; the cell texts are made only for readings
 * that satisfy the row's own equations, since most of the thousands tried do not.
 */

/** No reading is enumerated beyond this many steps: a row that needs more is reported as too ambiguous. */
const MAX_CANDIDATES = 50_000;

/** An equation lying wholly within one row, as column indexes of that row and weights. */
export interface RowEquation {
  readonly cols: readonly number[];
  readonly ws: readonly number[];
}

/** A cell's number as decoding reads it: 1–15 ASCII digits, anything else (blank, 「/」, 「1.5」) is NaN. */
export function num(raw: string | undefined): number {
  if (raw === undefined || raw.length === 0 || raw.length > 15) return NaN;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
  }
  return Number(raw);
}

/** Two or more ASCII digits: a part that may hold several cells. */
function splittable(p: string): boolean {
  if (p.length < 2) return false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export interface RowReadings {
  /** How many readings of n cells there are. */
  readonly total: number;
  /** Those that satisfy every equation of `own`, as cell texts. */
  readonly kept: string[][];
}

/** The readings of `parts` as exactly n cells; undefined when there are too many to try. */
export function readRow(parts: readonly string[], n: number, own: readonly RowEquation[]): RowReadings | undefined {
  // No count has more than 15 digits: a longer run cannot be a row of n cells.
  if (parts.join('').length > 15 * n) return undefined;
  const split = parts.map(splittable);
  // Cells still to place after part i: at least one per remaining part, at most one per digit.
  const minAfter = parts.map((_, i) => parts.length - i - 1);
  const maxAfter = parts.map((_, i) => parts.slice(i + 1).reduce((s, p, k) => s + (split[i + 1 + k] ? p.length : 1), 0));
  const kept: string[][] = [];
  let total = 0;
  // The reading so far: for each cell its part, start and length (start -1: the whole unsplittable part), and number.
  const partOf: number[] = [], startOf: number[] = [], lenOf: number[] = [], vals: number[] = [];
  let size = 0;
  const place = (i: number, start: number, len: number, v: number) => {
    partOf[size] = i;
    startOf[size] = start;
    lenOf[size] = len;
    vals[size] = v;
    size++;
  };
  const holds = () => {
    for (const e of own) {
      let s = 0;
      for (let k = 0; k < e.cols.length; k++) s += e.ws[k]! * vals[e.cols[k]!]!;
      if (s !== 0) return false;
    }
    return true;
  };
  let budget = MAX_CANDIDATES;
  // Part i, from character `at`: the next number takes 1…len characters (no leading zero).
  const rec = (i: number, at: number): boolean => {
    if (--budget < 0) return false;
    if (i === parts.length) {
      if (size === n) {
        total++;
        if (holds()) {
          const r: string[] = [];
          for (let k = 0; k < n; k++) r.push(startOf[k]! < 0 ? parts[partOf[k]!]! : parts[partOf[k]!]!.slice(startOf[k]!, startOf[k]! + lenOf[k]!));
          kept.push(r);
        }
      }
      return true;
    }
    const p = parts[i]!;
    if (!split[i]) {
      place(i, -1, p.length, num(p));
      const ok = rec(i + 1, 0);
      size--;
      return ok;
    }
    if (at === p.length) return rec(i + 1, 0);
    const cellsLeft = n - size;
    // Cells this part can still give: at least 1 (what is left must be cut), at most one per digit left.
    if (cellsLeft - 1 < minAfter[i]! || cellsLeft - (p.length - at) > maxAfter[i]!) return true;
    const maxLen = p.charCodeAt(at) === 48 ? 1 : p.length - at;
    let v = 0;
    for (let len = 1; len <= maxLen; len++) {
      v = v * 10 + (p.charCodeAt(at + len - 1) - 48);
      place(i, at, len, len > 15 ? NaN : v);
      const ok = rec(i, at + len);
      size--;
      if (!ok) return false;
    }
    return true;
  };
  return rec(0, 0) ? { total, kept } : undefined;
}
