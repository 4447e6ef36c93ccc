/**
 * The six section headings (一、总体情况 … 六、其他需要报告的事项) found in the text as written: at a line start or
 * inline (crawled pages run everything together), with real variants — 「6、」 numbering, typos, older wordings —
 * matched by similarity and reported as `structure.heading`.
 */
import { SECTIONS } from '../formats/common.js';
import type { SectionDef } from '../formats/types.js';
import { prefixDistance } from '../distance.js';
import { grams, sharedGrams, type Grams } from './grams.js';
import { compact, isSpaceCode, normalizeChars } from './normalize.js';

export type SectionId = SectionDef['id'];

export interface SectionHit {
  readonly id: SectionId;
  readonly index: number;
  /** Offsets in the text: the heading starts at `start`, its text ends at `end`. */
  readonly start: number;
  readonly end: number;
  readonly written: string;
  readonly official: string;
  readonly exact: boolean;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const SEPARATORS = new Set(['、', '.', '．', '，', ',', ' ', '\u3000', '\t', ':', '：']);

/** Wordings seen in real reports besides the official one (the official wording is first). */
const ALTERNATIVES: Readonly<Record<SectionId, readonly string[]>> = {
  overview: [],
  proactive: ['行政机关主动公开政府信息情况'],
  requests: [],
  review: [
    '因政府信息公开申请行政复议、提起行政诉讼的情况', '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '被申请行政复议、提起行政诉讼情况', '政府信息公开行政复议和行政诉讼情况',
  ],
  problems: ['政府信息公开工作存在的主要问题及改进情况', '存在的主要问题及改进措施'],
  other: [],
};

interface Wording {
  readonly text: string;
  readonly grams: Grams;
  /** Codes of the first four characters, for the cheap test. */
  readonly head: readonly number[];
}

const WORDINGS: readonly (readonly Wording[])[] = SECTIONS.map((s) =>
  [s.heading.slice(s.heading.indexOf('、') + 1), ...ALTERNATIVES[s.id]].map((t) => {
    const text = compact(t);
    return { text, grams: grams(text), head: Array.from({ length: Math.min(4, text.length) }, (_, c) => text.charCodeAt(c)) };
  }));

/** How many of `head`'s codes (each counted once, as listed) occur in `text` within [from, to): one pass. */
function headHits(text: string, from: number, to: number, head: readonly number[]): number {
  let seen = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    for (let k = 0; k < head.length; k++) if (head[k] === c) seen |= 1 << k;
  }
  let hits = 0;
  for (; seen; seen &= seen - 1) hits++;
  return hits;
}

/**
 * Compacted characters (normalised, spaces left out) from `from` to the end of the line, at most `max`; `raw` is the
 * normalised text they come from, so the offset of the n-th one can be found when a match needs it.
 */
function window(text: string, from: number, max: number): { s: string; raw: string } {
  const raw = normalizeChars(text.slice(from, from + max * 4));
  let s = '';
  let n = 0, run = -1, i = 0;
  for (; i < raw.length && n < max; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) break;
    if (isSpaceCode(c)) {
      if (run >= 0) s += raw.slice(run, i);
      run = -1;
      continue;
    }
    if (run < 0) run = i;
    n++;
  }
  if (run >= 0) s += raw.slice(run, i);
  return { s, raw };
}

/** Offset in the text just after the `len`-th compacted character of a window read from `from`. */
function windowEnd(raw: string, from: number, len: number): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) if (!isSpaceCode(raw.charCodeAt(i)) && ++n === len) return from + i + 1;
  return from + raw.length;
}

interface BodyMatch {
  readonly end: number;
  readonly d: number;
  readonly alt: number;
}

function matchBody(text: string, from: number, k: number): BodyMatch | undefined {
  let best: BodyMatch | undefined;
  const wordings = WORDINGS[k]!;
  const nearEnd = Math.min(text.length, from + 16);
  // A later wording replaces the best only when strictly nearer: after an exact match there is nothing to find.
  for (let alt = 0; alt < wordings.length && !(best && best.d === 0); alt++) {
    const w = wordings[alt]!;
    // Cheap test first: two of the wording's first four characters near the start.
    if (headHits(text, from, nearEnd, w.head) < 2) continue;
    const win = window(text, from, w.text.length + 3);
    if (!win.s || sharedGrams(win.s, w.grams).shared < w.grams.size * 0.4) continue;
    const tol = Math.max(1, Math.floor(w.text.length * 0.2));
    const { d, len } = prefixDistance(w.text, win.s, tol);
    if (d <= tol && len > 0 && (!best || d < best.d)) best = { end: windowEnd(win.raw, from, len), d, alt };
  }
  return best;
}

/**
 * Wordings recognised only after their number: 「行政机关…」 starts like t2's and t4's row labels (行政许可, 行政复议),
 * so a line starting with 「行」 is not tried as an unnumbered heading (every table line would be).
 */
const NUMBERED_ONLY = new Set(['行政机关主动公开政府信息情况']);

/** Each official heading compacted (what an exact heading equals). */
const OFFICIAL = SECTIONS.map((s) => compact(s.heading));

/** First characters a heading line without its number may start with. */
const FIRST = WORDINGS.map((ws) => new Set(ws.filter((w) => !NUMBERED_ONLY.has(w.text)).map((w) => w.text.charCodeAt(0))));

const SEPARATOR_CODES = new Set([...SEPARATORS].map((ch) => ch.charCodeAt(0)));
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The heading of section `k` if it starts at `i` (`first`: the first character of its line). */
function headingAt(text: string, i: number, first: boolean, k: number): SectionHit | undefined {
  const s = SECTIONS[k]!;
  const c = text.charCodeAt(i);
  let bodyFrom: number;
  if (c === NUMERALS[k]!.charCodeAt(0) || (c === 49 + k && first && !isDigit(text.charCodeAt(i + 1)))) {
    if (i + 1 >= text.length || !SEPARATOR_CODES.has(text.charCodeAt(i + 1))) return undefined;
    // 「统一、」「进一步」: a numeral right after a letter of running text is not a heading number, unless the
    // text before ends a sentence or a table (crawled pages: 「…69件。一、」「…1200000五、」).
    const prev = text.charCodeAt(i - 1);
    if (!first && i > 0 && prev >= 0x4e00 && prev <= 0x9fff) return undefined;
    bodyFrom = i + 2;
  } else if (first && FIRST[k]!.has(c)) {
    bodyFrom = i; // a heading line without its number
  } else return undefined;
  const m = matchBody(text, bodyFrom, k);
  if (!m) return undefined;
  if (bodyFrom === i) {
    // Without a number the heading must be the whole line.
    const lineEnd = text.indexOf('\n', m.end);
    if (compact(text.slice(m.end, lineEnd < 0 ? text.length : lineEnd)).length > 2) return undefined;
  }
  const written = text.slice(i, m.end);
  const exact = compact(written) === OFFICIAL[k];
  return { id: s.id, index: k, start: i, end: m.end, written: written.trim(), official: s.heading, exact };
}

/** What `skip` passes over: the spaces of isSpaceCode except the line end. */
const LINE_SPACE = '\\t\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

const classChar = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

/**
 * Per section, where its heading may start, in text order: a line's first non-space character when it is the
 * numeral, the arabic digit or a first character of a wording (group 1, matched from the line end before it), else
 * any occurrence of the numeral. Every other place was rejected by headingAt's first test, so one regex scan stands
 * for a loop over every line. `atStart` reads the first line when the search starts at a line start.
 */
const CANDIDATES = NUMERALS.map((numeral, k) => {
  const firsts = [numeral.charCodeAt(0), 49 + k, ...FIRST[k]!].map(classChar).join('');
  return {
    next: new RegExp(`\\n[${LINE_SPACE}]*([${firsts}])|${classChar(numeral.charCodeAt(0))}`, 'g'),
    atStart: new RegExp(`[${LINE_SPACE}]*([${firsts}])`, 'y'),
  };
});

/**
 * The first heading of section `k` after `from`, tried in text order at each occurrence of its numeral and at
 * each line's first non-space character (a line starting with the numeral is tried once, as a line start).
 */
function findOne(text: string, from: number, k: number): SectionHit | undefined {
  const { next, atStart } = CANDIDATES[k]!;
  next.lastIndex = from;
  if (from === 0) {
    atStart.lastIndex = 0;
    const m = atStart.exec(text);
    if (m) {
      const hit = headingAt(text, m[0].length - 1, true, k);
      if (hit) return hit;
      next.lastIndex = m[0].length;
    }
  } else if (text.charCodeAt(from - 1) === 10) next.lastIndex = from - 1; // from its line end, to read it as a line
  let m: RegExpExecArray | null;
  while ((m = next.exec(text)) !== null) {
    const first = m[1] !== undefined;
    const hit = headingAt(text, first ? m.index + m[0].length - 1 : m.index, first, k);
    if (hit) return hit;
  }
  return undefined;
}

/** Headings in order; a heading not found is left out (the next one is searched after the last found). */
export function findSections(text: string): SectionHit[] {
  const hits: SectionHit[] = [];
  let from = 0;
  for (let k = 0; k < SECTIONS.length; k++) {
    const found = findOne(text, from, k);
    if (found) {
      hits.push(found);
      from = found.end;
    }
  }
  return hits;
}
