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

const CELL_SEPARATOR = /\t|[|｜]/;
const COLUMN_GAP = /[\s\u00A0\u3000]{2,}/;
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
  const list = v.byFirst.get(norm[i]!);
  if (!list) return undefined;
  for (const e of list) {
    const end = matchAt(norm, i, e.key);
    if (end >= 0) return { e, end };
  }
  return undefined;
}

const BOUNDARY = /[\s\u00A0\u3000\d.,:;|()（）]/u;

/**
 * A short label (「其他」「总计」「规章」) counts only where it stands apart: between spaces, numbers or other labels.
 * Inside a wrapped fragment such as 「计其他情形）」 it is just text.
 */
function standsApart(norm: string, i: number, end: number, afterAnchor: boolean, v: Vocab): boolean {
  const before = i === 0 || afterAnchor || BOUNDARY.test(norm[i - 1]!);
  if (!before) return false;
  if (end >= norm.length || BOUNDARY.test(norm[end]!)) return true;
  const next = anchorAt(norm, end, v);
  return next !== undefined && next.e.key.length > 3;
}

/** `seg` as written and `norm`, the same text normalised (same length). */
function segment(seg: string, norm: string, v: Vocab, out: Token[]): void {
  let last = 0;
  let anchored = false;
  for (let i = 0; i < norm.length; i++) {
    if (!v.byFirst.has(norm[i]!)) continue;
    // Right after 「2.」 only a whole numbered label may start: 「2.其他法律行政止公开」 (a typo) is leftover text
    // for similarity matching, not the column header 「其他」 followed by 「法律行政止公开」.
    if (i >= 2 && norm[i - 1] === '.' && norm[i - 2]! >= '0' && norm[i - 2]! <= '9') continue;
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

export function tokenize(region: string, v: Vocab): Token[] {
  const out: Token[] = [];
  // Normalisation keeps every character's place and leaves spaces and separators alone, so the written and the
  // normalised text split alike.
  const norm = normalizeChars(region);
  const lines = region.split('\n'), nlines = norm.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (!trim(line)) {
      if (CELL_SEPARATOR.test(line)) out.push({ t: 'blank' });
      continue;
    }
    const split = CELL_SEPARATOR.test(line);
    const cells = split ? line.split(CELL_SEPARATOR) : [line];
    const ncells = split ? nlines[l]!.split(CELL_SEPARATOR) : [nlines[l]!];
    let started = false;
    for (let c = 0; c < cells.length; c++) {
      const cell = trim(cells[c]!);
      if (!cell) {
        if (started) out.push({ t: 'blank' });
        continue;
      }
      started = true;
      const segs = cell.split(COLUMN_GAP), nsegs = trim(ncells[c]!).split(COLUMN_GAP);
      for (let k = 0; k < segs.length; k++) segment(segs[k]!, nsegs[k] ?? segs[k]!, v, out);
    }
  }
  return out;
}
