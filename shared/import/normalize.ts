/** Character normalisation for matching labels and headings: one output char per input char, so offsets survive. */
import { halfWidthCode, isSpaceCode } from '../width.js';

/** Punctuation unified for label matching (full-width digits and signs: shared/width.ts). mapAt skips whole code
 *  ranges without a lookup: a key added here must fall inside the ranges it tests (0x28–0x3B, 0x2012–0x2212,
 *  0x3001–0x300D, from 0xFE50). */
const MAP: Record<string, string> = {
  '(': '（', ')': '）', '﹙': '（', '﹚': '）',
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '＂': '"', '「': '"', '」': '"',
  '‘': "'", '’': "'", '＇': "'",
  ':': '：', '﹕': '：',
  ',': '，', '﹐': '，',
  ';': '；', '﹔': '；',
  '﹒': '.',
  '—': '-', '–': '-', '―': '-', '−': '-',
};

// The spaces of the core's one normaliser (shared/width.ts); re-exported for the importer's modules.
export { isJsSpace, isSpaceCode } from '../width.js';

const MAPPED = new Map([...Object.entries(MAP)].map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]));

const isDigitCode = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);

/**
 * The normalised code of `s[i]`, or `c` itself. Range tests first: CJK letters (most of a report) fall between the
 * ranges that hold a changed character and cost four comparisons.
 */
function mapAt(s: string, i: number, c: number): number {
  if (c < 0x28 || (c > 0x3b && c < 0x2012) || (c > 0x2212 && c < 0x3001) || (c > 0x300d && c < 0xfe50)) return c;
  // 「、」「，」「,」 right after a digit and not before one is 「1、」 written for 「1.」.
  if ((c === 0x3001 || c === 0xff0c || c === 0x2c) && i > 0 && isDigitCode(s.charCodeAt(i - 1)) && !isDigitCode(s.charCodeAt(i + 1))) return 0x2e;
  // ASCII digits and 「* + - . /」 (the table text) stay as they are without a map lookup.
  if (c >= 0x2a && c <= 0x39 && c !== 0x2c) return c;
  // Full-width digits and ＋－．／ (scope `label` of shared/width.ts); the rest of the map is label punctuation.
  const half = halfWidthCode(c, 'label');
  if (half >= 0) return half;
  return MAPPED.get(c) ?? c;
}

/**
 * Same length as `s`: full-width digits → ASCII, half-width brackets → full-width, quote and colon variants
 * unified, and 「1、」 after a digit read as 「1.」. One pass over the codes; unchanged runs are sliced, not copied
 * character by character (this runs on every table region and heading window).
 */
export function normalizeChars(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = mapAt(s, i, c);
    if (m === c) continue;
    out += s.slice(last, i) + String.fromCharCode(m);
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Normalised text with every space removed (labels are compared this way). */
export function compact(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = isSpaceCode(c);
    const m = space ? c : mapAt(s, i, c);
    if (!space && m === c) continue;
    out += s.slice(last, i);
    if (!space) out += String.fromCharCode(m);
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Leading numbering of a label or heading: 「一、」「（三）」「1.」「(2)」. */
export const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d{1,2}\.)/u;

/** What numbering can start with: a Chinese numeral, 「（」 or an ASCII digit. */
const NUMBERING_FIRST = new Set([...'一二三四五六七八九十（0123456789'].map((ch) => ch.charCodeAt(0)));

export function stripNumbering(label: string): string {
  // Most texts start with none of them: no regex run for those.
  return NUMBERING_FIRST.has(label.charCodeAt(0)) ? label.replace(NUMBERING, '') : label;
}
