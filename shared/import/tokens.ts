/**
 * A table region's text → a stream of tokens: fixed labels found in it (anchors), numbers, blank cells and
 * leftover text. Works alike on one-cell-per-line, tab- or pipe-separated rows, `pdftotext -layout` columns and
 * crawler text where cells run together: labels are found by exact (normalised) match wherever they stand, and
 * what lies between them is read as numbers when it is numbers.
 */
import { parseCell } from '../cells.js';
import { compact, isJsSpace, isSpaceCode, normalizeChars } from './normalize.js';
import type { Vocab, VocabEntry } from './vocab.js';

export type Token =
  | { readonly t: 'anchor'; readonly entry: VocabEntry; readonly text: string }
  | { readonly t: 'value'; readonly raw: string; readonly glued: boolean }
  | { readonly t: 'blank' }
  | { readonly t: 'text'; readonly raw: string; readonly key: string };

/** The one blank-cell token (tokens are never changed, and a blank carries nothing of its own): not one object per blank. */
const BLANK: Token = { t: 'blank' };

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

/** Two or more ASCII digits and nothing else: maybe several cells run together. */
function allDigits(s: string): boolean {
  if (s.length < 2) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function valueToken(raw: string): Token {
  if (raw.length > MAX_VALUE) return { t: 'text', raw: raw.slice(0, MAX_VALUE), key: '' };
  return { t: 'value', raw, glued: allDigits(raw) };
}

/** A trimmed text cut at runs of white space (as `split(/\s+/)`), without a regex for the usual single word. */
function words(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isJsSpace(s.charCodeAt(i))) continue;
    out.push(s.slice(from, i));
    while (i + 1 < s.length && isJsSpace(s.charCodeAt(i + 1))) i++;
    from = i + 1;
  }
  out.push(from === 0 ? s : s.slice(from));
  return out;
}

/** A stretch of text between labels: numbers, or leftover text (maybe a wrapped label fragment). */
function piece(raw: string, out: Token[]): void {
  const s = trim(raw);
  if (!s) return;
  const c0 = s.charCodeAt(0);
  if ((c0 === 0x3a || c0 === 0x2d) && MARKDOWN_RULE.test(s)) return;
  const ws = words(s);
  if (ws.length > 1 && ws.every(isValue)) {
    for (const w of ws) out.push(valueToken(w));
    return;
  }
  if (isValue(s)) {
    out.push(valueToken(s));
    return;
  }
  const m = s.length <= 300 ? TRAILING_NUMBERS.exec(s) : null;
  if (m && m[2] && trim(m[1]!)) {
    const nums = words(trim(m[2]));
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

/** The longest label starting at `i`, or undefined. Only keys whose second character comes next are tried. */
function anchorAt(norm: string, i: number, v: Vocab, spaced: boolean): { e: VocabEntry; end: number } | undefined {
  const c = norm.charCodeAt(i);
  const seconds = v.bySecond.get(c);
  if (!seconds) return undefined;
  let j = i + 1;
  if (spaced) while (j < norm.length && isSpaceCode(norm.charCodeAt(j))) j++;
  const list = seconds.get(norm.charCodeAt(j)) ?? v.singles.get(c);
  if (!list) return undefined;
  for (const e of list) {
    // Without a space in the segment a label can only match as written in one piece: a native comparison.
    const end = spaced ? matchAt(norm, i, e.key) : norm.startsWith(e.key, i) ? i + e.key.length : -1;
    if (end >= 0) return { e, end };
  }
  return undefined;
}

/**
 * What may stand right before or after a short label: space, ASCII digit, 「. , : ; | ( ) （ ）」 and the middle dot
 * 「·」「・」 that joins the levels of a merged header written on one line (「行政诉讼·复议后起诉·总计」).
 */
function isBoundary(c: number): boolean {
  return isJsSpace(c) || (c >= 48 && c <= 57) || c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x7c
    || c === 0x28 || c === 0x29 || c === 0xff08 || c === 0xff09 || c === 0xb7 || c === 0x30fb;
}

/**
 * A short label (「其他」「总计」「规章」) counts only where it stands apart: between spaces, numbers or other labels.
 * Inside a wrapped fragment such as 「计其他情形）」 it is just text.
 */
function standsApart(norm: string, i: number, end: number, afterAnchor: boolean, v: Vocab, spaced: boolean): boolean {
  const before = i === 0 || afterAnchor || isBoundary(norm.charCodeAt(i - 1));
  if (!before) return false;
  if (end >= norm.length || isBoundary(norm.charCodeAt(end))) return true;
  const next = anchorAt(norm, end, v, spaced);
  return next !== undefined && next.e.key.length > 3;
}

/** `[a, b)` holds ASCII digits only. */
function digitsOnly(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Segment `[a, b)` of the region. A run of ASCII digits, the most common segment of a table, is a number as it
 * stands: no label is all digits (vocab.ts checks), and every digit run reads as a number (or as text beyond
 * MAX_VALUE), so it skips the label search and the value test.
 */
function segmentAt(region: string, a: number, b: number, v: Vocab, out: Token[]): void {
  if (!v.digitKeys && digitsOnly(region, a, b)) {
    out.push(valueToken(region.slice(a, b)));
    return;
  }
  // Normalised here, segment by segment: a segment stands between spaces, separators or line ends, never next to
  // a digit, so it normalises as it would within the whole region (「1、」 looks at its neighbours), and the blank
  // stretches of pdftotext columns and the digit runs are never normalised at all.
  const seg = region.slice(a, b);
  segment(seg, normalizeChars(seg), v, out);
}

/**
 * Whether `s` holds a character isSpaceCode counts as space (what matchAt skips inside a label). A loop, not a
 * regex: segments are a few characters (a cell), and a regex call cost more than the scan.
 */
function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return true;
  return false;
}

/** `seg` as written and `norm`, the same text normalised (same length). */
function segment(seg: string, norm: string, v: Vocab, out: Token[]): void {
  let last = 0;
  let anchored = false;
  const bits = v.firstBits;
  const spaced = hasSpace(norm);
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (((bits[c >>> 5]! >>> (c & 31)) & 1) === 0) continue;
    // Right after 「2.」 only a whole numbered label may start: 「2.其他法律行政止公开」 (a typo) is leftover text
    // for similarity matching, not the column header 「其他」 followed by 「法律行政止公开」.
    if (i >= 2 && norm.charCodeAt(i - 1) === 0x2e && norm.charCodeAt(i - 2) >= 48 && norm.charCodeAt(i - 2) <= 57) continue;
    const hit = anchorAt(norm, i, v, spaced);
    if (hit) {
      const { e, end } = hit;
      if (e.key.length <= 3 && !standsApart(norm, i, end, anchored && last === i, v, spaced)) continue;
      anchored = true;
      piece(seg.slice(last, i), out);
      out.push({ t: 'anchor', entry: e, text: seg.slice(i, end) });
      last = end;
      i = end - 1;
    }
  }
  piece(seg.slice(last), out);
}

/**
 * Next cell separator (tab, 「|」, 「｜」) at or after a position. Each kind's next place is kept and searched again
 * only once passed, so the whole region is scanned once per kind, by indexOf, not character by character.
 */
function separators(region: string): (from: number) => number {
  const next = ['\t', '|', '\uff5c'].map((ch) => ({ ch, at: region.indexOf(ch) }));
  return (from) => {
    let best = -1;
    for (const n of next) {
      if (n.at >= 0 && n.at < from) n.at = region.indexOf(n.ch, from);
      if (n.at >= 0 && (best < 0 || n.at < best)) best = n.at;
    }
    return best;
  };
}

/**
 * One cell `[a, b)` of a line, trimmed, cut into segments at runs of two or more spaces (pdftotext columns).
 * Returns false when the cell is blank.
 */
function cell(region: string, a: number, b: number, v: Vocab, out: Token[]): boolean {
  while (a < b && isJsSpace(region.charCodeAt(a))) a++;
  while (b > a && isJsSpace(region.charCodeAt(b - 1))) b--;
  if (a === b) return false;
  let from = a;
  for (let i = a; i < b; i++) {
    if (!isJsSpace(region.charCodeAt(i)) || !isJsSpace(region.charCodeAt(i + 1))) continue;
    let j = i + 2;
    while (j < b && isJsSpace(region.charCodeAt(j))) j++;
    segmentAt(region, from, i, v, out);
    from = j;
    i = j - 1;
  }
  segmentAt(region, from, b, v, out);
  return true;
}

const isSeparator = (c: number) => c === 0x09 || c === 0x7c || c === 0xff5c;
const isPipe = (c: number) => c === 0x7c || c === 0xff5c;

/**
 * Where a line's content ends: after its last character that is neither space nor a separator (or `from` when it
 * has none). Fields after it are the line's trailing run.
 */
function contentEnd(region: string, from: number, end: number): number {
  for (let i = end - 1; i >= from; i--) {
    const c = region.charCodeAt(i);
    if (!isJsSpace(c) && !isSeparator(c)) return i + 1;
  }
  return from;
}

/**
 * A line of nothing but spaces and separators: blank cells. A tab in it is one empty row of cells (one cell per
 * line layouts); a line `|` is one blank cell (crawled one-cell-per-line text); `| | |` is its pipes less one.
 */
function emptyLine(region: string, start: number, end: number, out: Token[]): void {
  let pipes = 0, tabs = 0;
  for (let i = start; i < end; i++) {
    const c = region.charCodeAt(i);
    if (isPipe(c)) pipes++;
    else if (c === 9) tabs++;
  }
  const n = pipes > 1 ? pipes - 1 : pipes === 1 || tabs > 0 ? 1 : 0;
  for (let k = 0; k < n; k++) out.push(BLANK);
}

/**
 * A table region as tokens. Lines are cut into fields at tabs and pipes (「|」「｜」). Fields before a line's first
 * content are not cells (Markdown's opening pipe, a crawled row opened by `|`). A blank field is a blank cell, except
 * for pipes: nothing between two pipes (`7 || 8`) is a group break, not a cell, and the field after a line's closing
 * pipe (`5 |`) is none; but a run of pipes closing a line (`5 ||||`) is the blank cells a crawler collapsed, one per
 * pipe after the first. Tabs keep every field (`3\t+1\t` ends in a blank cell).
 */
export function tokenize(region: string, v: Vocab): Token[] {
  const out: Token[] = [];
  // Lines, cells and segments are found once, by offset, in the written text (normalisation leaves spaces and
  // separators alone, so the normalised text would cut alike).
  const nextSeparator = separators(region);
  for (let start = 0; start <= region.length;) {
    let end = region.indexOf('\n', start);
    if (end < 0) end = region.length;
    let text = start;
    while (text < end && isJsSpace(region.charCodeAt(text))) text++;
    const last = text === end ? text : contentEnd(region, text, end);
    if (last === text) {
      if (text < end || region.slice(start, end).includes('\t')) emptyLine(region, start, end, out);
    } else {
      let started = false;
      let cellStart = start;
      let opener = -1;
      for (let sep = nextSeparator(start); ; sep = nextSeparator(sep + 1)) {
        const cut = sep >= 0 && sep < end ? sep : end;
        // The line's leading spaces were just passed over: a first cell holding them starts after them.
        if (cellStart === start && cut > text) cellStart = text;
        if (cell(region, cellStart, cut, v, out)) started = true;
        else if (started) {
          const openPipe = opener >= 0 && isPipe(region.charCodeAt(opener));
          const closePipe = cut < end && isPipe(region.charCodeAt(cut));
          const trailing = cellStart >= last;
          if (!openPipe) out.push(BLANK);
          else if (trailing ? closePipe : closePipe && cut > cellStart) out.push(BLANK);
        }
        if (cut === end) break;
        opener = cut;
        cellStart = cut + 1;
      }
    }
    start = end + 1;
  }
  return out;
}
