/**
 * Traditional → Simplified for matching only. Mirror sites convert whole pages to Traditional Chinese
 * (「政府信息公開工作年度報告」「行政複議」): headings, table labels, the title and the agency are matched on the
 * Simplified form, while the draft keeps the text as written. The conversion is OpenCC's Traditional → Simplified
 * chain (opencc-js: the Taiwan and Hong Kong variant characters, then TSPhrases and TSCharacters — phrases matter:
 * 「重覆申請」 is 「重复申请」, while 覆 alone stays 覆), keeping only the entries that replace text by text of the same
 * length, so every offset found in the converted text is the same offset in the text as written. Every fixture
 * converted by opencc-js to Taiwan or Hong Kong characters converts back to itself. Left out, for the add-in's
 * bundle: the variant phrase tables (no fixture needs them) and TWPhrasesRev, whose Taiwan words (資訊 for 信息)
 * a character-converted mirror page does not use and which would turn 文件 into 文档 in every other text.
 */
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

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
 * Simplified code per UTF-16 code, 0 where the character is not Traditional-only (what the detection looks for).
 */
const TO_SIMPLIFIED = (() => {
  const table = new Uint16Array(0x10000);
  for (const [from, to] of pairs(TSCharacters)) table[from] = to;
  // A regional variant (台/港 forms such as 為, 啟, 眾) goes through the standard Traditional form it stands for.
  for (const [from, standard] of [...pairs(TWVariantsRev), ...pairs(HKVariantsRev)]) {
    // Some entries run the other way (「才 纔」: 才 is also the Simplified form): a character that would map to
    // itself is not Traditional-only.
    if (!table[from] && table[standard] && table[standard] !== from) table[from] = table[standard]!;
  }
  return table;
})();

/**
 * A text is taken as Traditional when this many of the characters looked at are Traditional-only: a Simplified
 * report may quote one or two (「乾」 of 「乾隆」 is in OpenCC's table), a converted page holds hundreds.
 */
const MIN_TRADITIONAL = 8;

/**
 * Characters looked at: every STRIDE-th. A page converted to Traditional has a Traditional-only character in every
 * few (a quarter of a converted report's characters), so a sample finds MIN_TRADITIONAL of them within the first
 * lines; a Simplified report (nearly all) costs a third of a scan — a loop over every code cost ≈ 2 ns a character,
 * as much as a tenth of an import, and a regex class of 3,000 characters more.
 */
const STRIDE = 3;

/** Whether `text` is (largely) Traditional Chinese: a table load for every STRIDE-th character, stopped early. */
export function isTraditional(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i += STRIDE) {
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
    [sameLength(TWVariantsRev)],
    [sameLength(HKVariantsRev)],
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
