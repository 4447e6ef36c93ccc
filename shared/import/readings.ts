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

/**
 * The state of one row's enumeration. The steps are module functions over it, not closures made per row: the
 * build keeps function names (esbuild keepNames), which costs a defineProperty for every closure created, and a
 * crawled report decodes dozens of rows.
 */
interface Search {
  readonly parts: readonly string[];
  readonly n: number;
  readonly own: readonly RowEquation[];
  readonly split: readonly boolean[];
  /** Cells still to place after part i: at least one per remaining part, at most one per digit. */
  readonly minAfter: readonly number[];
  readonly maxAfter: readonly number[];
  readonly kept: string[][];
  total: number;
  /** The reading so far: for each cell its part, start and length (start -1: the whole unsplittable part), and number. */
  readonly partOf: number[];
  readonly startOf: number[];
  readonly lenOf: number[];
  readonly vals: number[];
  size: number;
  budget: number;
}

function place(st: Search, i: number, start: number, len: number, v: number): void {
  st.partOf[st.size] = i;
  st.startOf[st.size] = start;
  st.lenOf[st.size] = len;
  st.vals[st.size] = v;
  st.size++;
}

function holds(st: Search): boolean {
  for (const e of st.own) {
    let s = 0;
    for (let k = 0; k < e.cols.length; k++) s += e.ws[k]! * st.vals[e.cols[k]!]!;
    if (s !== 0) return false;
  }
  return true;
}

/** Part i, from character `at`: the next number takes 1…len characters (no leading zero). False: budget spent. */
function rec(st: Search, i: number, at: number): boolean {
  if (--st.budget < 0) return false;
  const { parts, n } = st;
  if (i === parts.length) {
    if (st.size === n) {
      st.total++;
      if (holds(st)) {
        const r: string[] = [];
        for (let k = 0; k < n; k++) r.push(st.startOf[k]! < 0 ? parts[st.partOf[k]!]! : parts[st.partOf[k]!]!.slice(st.startOf[k]!, st.startOf[k]! + st.lenOf[k]!));
        st.kept.push(r);
      }
    }
    return true;
  }
  const p = parts[i]!;
  if (!st.split[i]) {
    place(st, i, -1, p.length, num(p));
    const ok = rec(st, i + 1, 0);
    st.size--;
    return ok;
  }
  if (at === p.length) return rec(st, i + 1, 0);
  const cellsLeft = n - st.size;
  // Cells this part can still give: at least 1 (what is left must be cut), at most one per digit left.
  if (cellsLeft - 1 < st.minAfter[i]! || cellsLeft - (p.length - at) > st.maxAfter[i]!) return true;
  const maxLen = p.charCodeAt(at) === 48 ? 1 : p.length - at;
  let v = 0;
  for (let len = 1; len <= maxLen; len++) {
    v = v * 10 + (p.charCodeAt(at + len - 1) - 48);
    place(st, i, at, len, len > 15 ? NaN : v);
    const ok = rec(st, i, at + len);
    st.size--;
    if (!ok) return false;
  }
  return true;
}

/** The readings of `parts` as exactly n cells; undefined when there are too many to try. */
export function readRow(parts: readonly string[], n: number, own: readonly RowEquation[]): RowReadings | undefined {
  // No count has more than 15 digits: a longer run cannot be a row of n cells.
  if (parts.join('').length > 15 * n) return undefined;
  const split = parts.map(splittable);
  const st: Search = {
    parts, n, own, split,
    minAfter: parts.map((_, i) => parts.length - i - 1),
    maxAfter: parts.map((_, i) => parts.slice(i + 1).reduce((s, p, k) => s + (split[i + 1 + k] ? p.length : 1), 0)),
    kept: [], total: 0, partOf: [], startOf: [], lenOf: [], vals: [], size: 0, budget: MAX_CANDIDATES,
  };
  return rec(st, 0, 0) ? { total: st.total, kept: st.kept } : undefined;
}
