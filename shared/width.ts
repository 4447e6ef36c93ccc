/**
 * The one normaliser of full-width forms and spaces in the core. Which characters are spaces, and which full-width
 * forms stand for ASCII, is said here once; each caller names the scope it needs, because the same character means
 * different things in different places (「，」 is a thousands separator inside a cell, a clause break in a chat
 * message and label punctuation in a heading):
 *
 * - `digits`: ０–９ (narrative figures: 「收到申请１２件」).
 * - `number`: digits and the signs of one number, ＋ － ． (a chat answer: 「＋３」「１．５万元」).
 * - `cell`: `number` and ，, a thousands separator in a cell (「１，２３４」).
 * - `label`: `number` and ／ (table labels and headings, where the other punctuation stays full-width).
 */

export type WidthScope = 'digits' | 'number' | 'cell' | 'label';

/** Full-width code → ASCII code in `scope`, or -1 when the character is not converted there. */
export function halfWidthCode(c: number, scope: WidthScope): number {
  if (c < 0xff0b || c > 0xff19) return -1;
  if (c >= 0xff10) return c - 0xfee0;
  if (scope === 'digits') return -1;
  // ＋ － ．: every scope but digits; ，only in a cell; ／ only in labels.
  if (c === 0xff0b || c === 0xff0d || c === 0xff0e) return c - 0xfee0;
  if (c === 0xff0c) return scope === 'cell' ? 0x2c : -1;
  if (c === 0xff0f) return scope === 'label' ? 0x2f : -1;
  return -1;
}

/** Whether `s` holds a character that `toHalfWidth(s, scope)` changes. */
export function hasFullWidth(s: string, scope: WidthScope): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff0b && c <= 0xff19 && halfWidthCode(c, scope) >= 0) return true;
  }
  return false;
}

/** `s` with the full-width forms of `scope` made ASCII (same length); `s` itself when none occurs. */
export function toHalfWidth(s: string, scope: WidthScope): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xff0b || c > 0xff19) continue;
    const h = halfWidthCode(c, scope);
    if (h < 0) continue;
    out += s.slice(last, i) + String.fromCharCode(h);
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * Every space the core removes or skips: what `\s` matches, NBSP, the ideographic space U+3000, the zero-width
 * space U+200B and the BOM. Ordered so that a CJK letter fails after three comparisons.
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  if (c > 0x3000) return c === 0xfeff;
  return c === 0x85 || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f;
}

/** White space exactly as `\s` and String#trim see it (cuts must fall where those regexes cut). */
export function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  if (c > 0x3000) return c === 0xfeff;
  return c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
    || c === 0x205f;
}

/** The spaces of isSpaceCode as a regex class body, for callers that replace with a regex. */
const SPACE_CLASS = '\\s\\u00A0\\u1680\\u2000-\\u200B\\u202F\\u205F\\u3000\\uFEFF';

/** One space (global: for `replace`). */
export const SPACE = new RegExp(`[${SPACE_CLASS}]`, 'gu');
/** A run of spaces (global: for `replace`). */
export const SPACE_RUN = new RegExp(`[${SPACE_CLASS}]+`, 'gu');

/** Every space removed. */
export function removeSpaces(s: string): string {
  for (let i = 0; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return s.replace(SPACE, '');
  return s;
}

/** Minus signs other than ASCII 「-」 (U+2212, figure dash, en dash, small hyphen-minus) that stand for a minus. */
export const MINUS_SIGN = /[\u2212\u2012\u2013\uFE63]/u;
export const MINUS_SIGNS = /[\u2212\u2012\u2013\uFE63]/gu;
