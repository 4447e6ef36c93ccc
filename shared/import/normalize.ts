/** Character normalisation for matching labels and headings: one output char per input char, so offsets survive. */

const MAP: Record<string, string> = {
  '(': '（', ')': '）', '﹙': '（', '﹚': '）',
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '＂': '"', '「': '"', '」': '"',
  '‘': "'", '’': "'", '＇': "'",
  ':': '：', '﹕': '：',
  ',': '，', '﹐': '，',
  ';': '；', '﹔': '；',
  '．': '.', '﹒': '.',
  '／': '/', '＋': '+', '－': '-', '—': '-', '–': '-', '―': '-', '−': '-',
};

export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff || c === 0x85;
}

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && isSpaceCode(ch.charCodeAt(0));
}

const MAPPED = new Map(Object.entries(MAP));

function mapChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x28) return ch;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
  return MAPPED.get(ch) ?? ch;
}

/** Characters that normalisation changes (「、」「，」 only after a digit). */
const CHANGES = /[()\uFE59\uFE5A"\u201C\u201D\u201E\u201F\u2033\uFF02\u300C\u300D\u2018\u2019\uFF07:\uFE55,\uFE50;\uFE54\uFF0E\uFE52\uFF0F\uFF0B\uFF0D\u2014\u2013\u2015\u2212\uFF10-\uFF19]/gu;
const DIGIT_COMMA = /(?<=[0-9\uFF10-\uFF19])[、，,](?![0-9\uFF10-\uFF19])/gu;

/**
 * Same length as `s`: full-width digits → ASCII, half-width brackets → full-width, quote and colon variants
 * unified, and 「1、」 after a digit read as 「1.」.
 */
export function normalizeChars(s: string): string {
  return s.replace(DIGIT_COMMA, '.').replace(CHANGES, mapChar);
}

/** Normalised text with every space removed (labels are compared this way). */
export function compact(s: string): string {
  let out = '';
  const n = normalizeChars(s);
  for (let i = 0; i < n.length; i++) {
    const ch = n[i]!;
    if (!isSpace(ch)) out += ch;
  }
  return out;
}

/** Leading numbering of a label or heading: 「一、」「（三）」「1.」「(2)」. */
export const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d{1,2}\.)/u;

export function stripNumbering(label: string): string {
  return label.replace(NUMBERING, '');
}

/** Bigram set of a compact string, for a quick similarity pre-filter. */
export function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

export function sharedBigrams(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
