/**
 * Traditional → Simplified for matching only. Mirror sites convert whole pages to Traditional Chinese
 * (「政府信息公開工作年度報告」「行政複議」): headings, table labels, the title and the agency are matched on the
 * Simplified form, while the draft keeps the text as written. The conversion is OpenCC's Traditional → Simplified
 * chain (opencc-js: the Taiwan and Hong Kong variant tables, then TSPhrases and TSCharacters — phrases matter:
 * 「重覆申請」 is 「重复申请」, while 覆 alone stays 覆), keeping only the entries that replace text by text of the same
 * length, so every offset found in the converted text is the same offset in the text as written.
 */
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';

/** Pairs of a dictionary whose source and target are one BMP character each (the others would move offsets). */
function pairs(dict: string): [number, number][] {
  const out: [number, number][] = [];
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from?.length === 1 && to?.length === 1 && from !== to) out.push([from.charCodeAt(0), to.charCodeAt(0)]);
  }
  return out;
}

/**
 * Simplified code per UTF-16 code, 0 where the character is not Traditional-only. A typed array: the test for a
 * report in Simplified Chinese (nearly all of them) is one load per character.
 */
const TO_SIMPLIFIED = (() => {
  const table = new Uint16Array(0x10000);
  for (const [from, to] of pairs(TSCharacters)) table[from] = to;
  // A regional variant (台/港 forms such as 為, 啟, 眾) goes through the standard Traditional form it stands for.
  for (const [from, standard] of [...pairs(TWVariantsRev), ...pairs(HKVariantsRev)]) {
    if (!table[from] && table[standard]) table[from] = table[standard]!;
  }
  return table;
})();

/**
 * A text is taken as Traditional when it holds this many Traditional-only characters: a Simplified report may
 * quote one or two (「著」 in 「显著」 is in OpenCC's table), a converted page holds hundreds.
 */
const MIN_TRADITIONAL = 8;

/** Whether `text` is (largely) Traditional Chinese: one table load per character, stops at the MIN_TRADITIONAL-th. */
export function isTraditional(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (TO_SIMPLIFIED[text.charCodeAt(i)] !== 0 && ++n >= MIN_TRADITIONAL) return true;
  }
  return false;
}

/** A dictionary's entries that keep the length (the few that do not would move every offset after them). */
function sameLength(dict: string): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && from.length === to.length) out.push([from, to]);
  }
  return out;
}

let converter: ConverterFunction | undefined;

/** Traditional (Taiwan, Hong Kong or OpenCC standard forms) → Simplified; same length, same offsets. */
export function toSimplified(text: string): string {
  // Built on first use: a Simplified report (nearly all) never needs it.
  converter ??= ConverterFactory(
    [sameLength(TWVariantsRevPhrases), sameLength(TWVariantsRev)],
    [sameLength(HKVariantsRevPhrases), sameLength(HKVariantsRev)],
    [sameLength(TSPhrases), sameLength(TSCharacters)],
  );
  const out = converter(text);
  // The tables hold only same-length entries; should a future dictionary break that, offsets must not move.
  return out.length === text.length ? out : text;
}

/**
 * The text that headings, labels, titles and names are matched in: the text itself, or its Simplified form when it
 * is Traditional. The one entry point for matching; callers slice what they keep from the text as written.
 */
export function forMatching(text: string): { text: string; converted: boolean } {
  return isTraditional(text) ? { text: toSimplified(text), converted: true } : { text, converted: false };
}
