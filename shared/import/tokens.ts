/**
 * A table region's text → a stream of tokens: fixed labels found in it (anchors), numbers, blank cells and
 * leftover text. Works alike on one-cell-per-line, tab- or pipe-separated rows, `pdftotext -layout` columns and
 * crawler text where cells run together: labels are found by exact (normalised) match wherever they stand, and
 * what lies between them is read as numbers when it is numbers.
 */
import { parseCell } from '../cells.js';
import { compact, isSpaceCode, normalizeChars } from './normalize.js';
import type { Vocab, VocabEntry } from './vocab.js';

export type Token =
  | { readonly t: 'anchor'; readonly entry: VocabEntry; readonly text: string }
  | { readonly t: 'value'; readonly raw: string; readonly glued: boolean }
  | { readonly t: 'blank' }
  | { readonly t: 'text'; readonly raw: string; readonly key: string };

const MARKDOWN_RULE = /^:?-{3,}:?$/;
const TRAILING_NUMBERS = /^(.*?[^\d\s.,+\-\u00A0\u3000])[\s\u00A0\u3000]*((?:[+\-]?\d[\d.,]*(?:[\s\u00A0\u3000]+|$))+)$/u;

const trim = (s: string) => s.trim();

/** Could be a number or 「/」「-」「无」「不适用」: anything else is not worth parsing. */
const MAYBE_VALUE = /[0-9\uFF10-\uFF19/\\\-\u2014\uFF0D\u2015\u2012\u2013\u2212无适]/u;

function isValue(s: string): boolean {
  if (!MAYBE_VALUE.test(s)) return false;
  const k = parseCell(s).kind;
  return k === 'number' || k === 'na';
}

/** No cell holds more than this many characters of number: a longer run is noise, read as text. */
const MAX_VALUE = 60;

function valueToken(raw: string): Token {
  if (raw.length > MAX_VALUE) return { t: 'text', raw: raw.slice(0, MAX_VALUE), key: '' };
  return { t: 'value', raw, glued: /^\d{2,}$/.test(raw) };
}

/** A stretch of text between labels: numbers, or leftover text (maybe a wrapped label fragment). */
function piece(raw: string, out: Token[]): void {
  const s = trim(raw);
  if (!s || MARKDOWN_RULE.test(s)) return;
  const words = s.split(/[\s\u00A0\u3000]+/);
  if (words.length > 1 && words.every(isValue)) {
    for (const w of words) out.push(valueToken(w));
    return;
  }
  if (isValue(s)) {
    out.push(valueToken(s));
    return;
  }
  const m = s.length <= 300 ? TRAILING_NUMBERS.exec(s) : null;
  if (m && m[2] && trim(m[1]!)) {
    const nums = trim(m[2]).split(/[\s\u00A0\u3000]+/u);
    if (nums.every(isValue)) {
      out.push({ t: 'text', raw: trim(m[1]!), key: compact(m[1]!) });
      for (const w of nums) out.push(valueToken(w));
      return;
    }
  }
  out.push({ t: 'text', raw: s, key: compact(s) });
}

/** Matches `key` at `i` of the normalised segment, skipping spaces in the text; returns the end or -1. */
function matchAt(norm: string, i: number, key: string): number {
  let j = i;
  for (let k = 0; k < key.length; k++) {
    while (j < norm.length && isSpaceCode(norm.charCodeAt(j))) j++;
    if (norm.charCodeAt(j) !== key.charCodeAt(k)) return -1;
    j++;
  }
  return j;
}

/** The longest label starting at `i`, or undefined. */
function anchorAt(norm: string, i: number, v: Vocab): { e: VocabEntry; end: number } | undefined {
  const list = v.byFirst.get(norm.charCodeAt(i));
  if (!list) return undefined;
  for (const e of list) {
    const end = matchAt(norm, i, e.key);
    if (end >= 0) return { e, end };
  }
  return undefined;
}

/** White space as `\s` and String#trim see it (the splits below must cut where the regexes did). */
function isJsSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff;
}

/** What may stand right before or after a short label: space, ASCII digit, 「. , : ; | ( ) （ ）」. */
function isBoundary(c: number): boolean {
  return isJsSpace(c) || (c >= 48 && c <= 57) || c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x7c
    || c === 0x28 || c === 0x29 || c === 0xff08 || c === 0xff09;
}

/**
 * A short label (「其他」「总计」「规章」) counts only where it stands apart: between spaces, numbers or other labels.
 * Inside a wrapped fragment such as 「计其他情形）」 it is just text.
 */
function standsApart(norm: string, i: number, end: number, afterAnchor: boolean, v: Vocab): boolean {
  const before = i === 0 || afterAnchor || isBoundary(norm.charCodeAt(i - 1));
  if (!before) return false;
  if (end >= norm.length || isBoundary(norm.charCodeAt(end))) return true;
  const next = anchorAt(norm, end, v);
  return next !== undefined && next.e.key.length > 3;
}

/** `seg` as written and `norm`, the same text normalised (same length). */
function segment(seg: string, norm: string, v: Vocab, out: Token[]): void {
  let last = 0;
  let anchored = false;
  const bits = v.firstBits;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (((bits[c >>> 5]! >>> (c & 31)) & 1) === 0) continue;
    // Right after 「2.」 only a whole numbered label may start: 「2.其他法律行政止公开」 (a typo) is leftover text
    // for similarity matching, not the column header 「其他」 followed by 「法律行政止公开」.
    if (i >= 2 && norm.charCodeAt(i - 1) === 0x2e && norm.charCodeAt(i - 2) >= 48 && norm.charCodeAt(i - 2) <= 57) continue;
    const hit = anchorAt(norm, i, v);
    if (hit) {
      const { e, end } = hit;
      if (e.key.length <= 3 && !standsApart(norm, i, end, anchored && last === i, v)) continue;
      anchored = true;
      piece(seg.slice(last, i), out);
      out.push({ t: 'anchor', entry: e, text: seg.slice(i, end) });
      last = end;
      i = end - 1;
    }
  }
  piece(seg.slice(last), out);
}

const isSeparator = (c: number) => c === 9 || c === 0x7c || c === 0xff5c;

/**
 * One cell `[a, b)` of a line, trimmed, cut into segments at runs of two or more spaces (pdftotext columns).
 * Returns false when the cell is blank.
 */
function cell(region: string, norm: string, a: number, b: number, v: Vocab, out: Token[]): boolean {
  while (a < b && isJsSpace(region.charCodeAt(a))) a++;
  while (b > a && isJsSpace(region.charCodeAt(b - 1))) b--;
  if (a === b) return false;
  let from = a;
  for (let i = a; i < b; i++) {
    if (!isJsSpace(region.charCodeAt(i)) || !isJsSpace(region.charCodeAt(i + 1))) continue;
    let j = i + 2;
    while (j < b && isJsSpace(region.charCodeAt(j))) j++;
    segment(region.slice(from, i), norm.slice(from, i), v, out);
    from = j;
    i = j - 1;
  }
  segment(region.slice(from, b), norm.slice(from, b), v, out);
  return true;
}

export function tokenize(region: string, v: Vocab): Token[] {
  const out: Token[] = [];
  // Normalisation keeps every character's place and leaves spaces and separators alone, so the written and the
  // normalised text cut alike: lines, cells and segments are found once, by offset, in the written text.
  const norm = normalizeChars(region);
  for (let start = 0; start <= region.length;) {
    let end = region.indexOf('\n', start);
    if (end < 0) end = region.length;
    let text = start;
    while (text < end && isJsSpace(region.charCodeAt(text))) text++;
    if (text === end) {
      // A line of nothing but spaces and tabs is one blank cell when it has a tab (an empty row of cells).
      if (region.slice(start, end).includes('\t')) out.push({ t: 'blank' });
    } else {
      let started = false;
      let cellStart = start;
      for (let i = start; i <= end; i++) {
        if (i < end && !isSeparator(region.charCodeAt(i))) continue;
        if (cell(region, norm, cellStart, i, v, out)) started = true;
        else if (started) out.push({ t: 'blank' });
        cellStart = i + 1;
      }
    }
    start = end + 1;
  }
  return out;
}
