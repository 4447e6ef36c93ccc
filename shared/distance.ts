/**
 * Edit distances for matching misspelt labels, headings and ids. Apart from the draft schema so that the importer's
 * browser bundle does not pull zod; written over char codes in one reused row, since the importer runs it for
 * every leftover text in a table and every heading candidate.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

function rows(n: number): void {
  if (rowA.length > n) return;
  rowA = new Int32Array(n * 2);
  rowB = new Int32Array(n * 2);
}

/** Levenshtein distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const m = b.length;
  rows(m + 1);
  const prev = rowA;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const tmp = prev[j]!;
      const sub = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = tmp + 1, ins = prev[j - 1]! + 1;
      prev[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      diag = tmp;
    }
  }
  return prev[m]!;
}

/**
 * Smallest edit distance between `a` and any prefix of `s`, and that prefix's length: the shortest at that
 * distance, or a longer one up to `a`'s length (a heading read as far as its wording goes). With `limit`, gives up
 * as soon as no prefix can come within it (a row's minimum never falls in later rows) and returns a `d` above it.
 */
export function prefixDistance(a: string, s: string, limit = Infinity): { d: number; len: number } {
  // A heading written exactly (the usual case): distance 0, and no shorter prefix reaches 0.
  if (a.length > 0 && s.startsWith(a)) return { d: 0, len: a.length };
  const m = s.length;
  rows(m + 1);
  let prev = rowA, cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1]! + (ca === s.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1, ins = cur[j - 1]! + 1;
      const x = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = x;
      if (x < rowMin) rowMin = x;
    }
    if (rowMin > limit) return { d: rowMin, len: 0 };
    const t = prev;
    prev = cur;
    cur = t;
  }
  let d = Infinity, len = 0;
  for (let j = 0; j <= m; j++) {
    const x = prev[j]!;
    if (x < d || (x === d && j > len && j <= a.length)) (d = x), (len = j);
  }
  return { d, len };
}
