/**
 * Character bigrams (pairs of UTF-16 codes) for the quick similarity pre-filters of labels and headings. Codes, not
 * two-character strings: a text's bigrams are counted against a label's without making a string per pair.
 */

export interface Grams {
  /** Number of distinct bigrams. */
  readonly size: number;
  /** Second codes by first code. */
  readonly next: ReadonlyMap<number, ReadonlySet<number>>;
}

/** True when the pair at `i` of `s` already occurred earlier in `s` (texts compared here are short). */
function seenBefore(s: string, i: number): boolean {
  const a = s.charCodeAt(i), b = s.charCodeAt(i + 1);
  for (let j = 0; j < i; j++) if (s.charCodeAt(j) === a && s.charCodeAt(j + 1) === b) return true;
  return false;
}

/** Calls `each` once per distinct bigram of `s`, in order of first occurrence; returns how many there are. */
export function eachGram(s: string, each: (a: number, b: number) => void): number {
  let n = 0;
  for (let i = 0; i + 1 < s.length; i++) {
    if (seenBefore(s, i)) continue;
    n++;
    each(s.charCodeAt(i), s.charCodeAt(i + 1));
  }
  return n;
}

export function grams(s: string): Grams {
  const next = new Map<number, Set<number>>();
  const size = eachGram(s, (a, b) => {
    const set = next.get(a);
    if (set) set.add(b);
    else next.set(a, new Set([b]));
  });
  return { size, next };
}

/** Distinct bigrams of `s`, and how many of them `g` holds. */
export function sharedGrams(s: string, g: Grams): { size: number; shared: number } {
  let shared = 0;
  const size = eachGram(s, (a, b) => {
    if (g.next.get(a)?.has(b)) shared++;
  });
  return { size, shared };
}
