/**
 * Narrative text as the checks read it: page-number lines dropped, line wraps and the spaces that
 * `pdftotext -layout` puts around numbers removed, full-width digits made ASCII. Pure string work.
 */
import { chineseNumeral } from '../numerals.js';
import { SPACE_RUN, toHalfWidth } from '../width.js';

/** A line that is only a page number: 「-3-」「— 3 —」「第3页」「第 3 页 共 6 页」「3/6」. */
export const PAGE_NUMBER_LINE =
  /^[ \t\u00A0\u3000]*(?:[-－—–]{1,2}[ \t]*\d{1,3}[ \t]*[-－—–]{1,2}|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[，,/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?|\d{1,3}[ \t]*\/[ \t]*\d{1,3})[ \t\u00A0\u3000]*$/gmu;

const ASCII_WORD = /[0-9A-Za-z]/;

/**
 * One line of text for pattern matching. Whitespace disappears except between two ASCII words or numbers
 * (「10 1 0」 stays three numbers); 「答\n复 3050 件」 becomes 「答复3050件」.
 */
export function flatten(text: string): string {
  // Figures in prose: only the digits (scope `digits`); full-width punctuation is the sentence's own.
  const s = toHalfWidth(text.replace(PAGE_NUMBER_LINE, ''), 'digits');
  return s.replace(SPACE_RUN, (m, i: number) =>
    ASCII_WORD.test(s[i - 1] ?? '') && ASCII_WORD.test(s[i + m.length] ?? '') ? ' ' : '');
}

/** Whether the text holds any letter, digit or CJK character at all (cheaper than `bare(text) !== ''`). */
export function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The text with nothing but letters, digits and CJK characters, for 「is this just 无」 questions. */
export function bare(text: string): string {
  return flatten(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Regex source of a stated count: ASCII digits (with thousands separators) or Chinese numerals. */
export const NUMBER_SOURCE = String.raw`\d{1,3}(?:,\d{3})+|\d+|[零〇一二两三四五六七八九十百千万]+`;

/** 「3,119」→3119, 「十二」→12, 「二〇二一」→2021, 「一百零五」→105; undefined if not a number. */
export function parseNumber(s: string): number | undefined {
  if (/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return undefined;
  return chineseNumeral(s);
}

/** Index of the start of the clause that contains position `i` (after the last 。；，,; or line start). */
export function clauseStart(text: string, i: number): number {
  for (let k = i - 1; k >= 0; k--) if ('。；，,;！？\n'.includes(text[k]!)) return k + 1;
  return 0;
}

/** Index of the end of the sentence that contains position `i` (the next 。；！？ or the end). */
export function sentenceEnd(text: string, i: number): number {
  for (let k = i; k < text.length; k++) if ('。；;！？\n'.includes(text[k]!)) return k;
  return text.length;
}

/** A short quotation for a message: at most `max` characters, with an ellipsis. */
export function excerpt(s: string, max = 40): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}
