/**
 * Characters that stand in a report's text for the ones it shows, left there by how the text was taken from a
 * PDF — by pdf.js (extract.ts) or by any tool before the text reached us (pdftotext, a copy from a PDF viewer, a
 * site that published a PDF's text as a web page):
 * - the vertical presentation forms of 、。，：（）… (U+FE10–FE19, FE30–FE4F), which pdf.js substitutes in vertical
 *   text when a font's program is not at hand, so that a system font draws them upright;
 * - CJK radicals (Kangxi radicals U+2F00–2FD5, the radicals supplement U+2E80–2EF3): a font whose glyph for 人 also
 *   serves the radical ⼈ gets a ToUnicode map that may name the radical (Chromium's PDFs do: 「淮安市⼈⺠政府」),
 *   and then neither labels nor names match.
 * Each goes back to the character it stands for: its compatibility decomposition (NFKC), and for the supplement,
 * which has none, Unicode's equivalent unified ideograph (EquivalentUnifiedIdeograph.txt) of the radicals that are
 * characters in simplified text. One character for one: offsets and lengths are kept.
 */
/** The code ranges, for a character class (preprocess.ts tests for them in the same scan as for its own). */
export const STAND_IN_RANGES = '\\u2E80-\\u2EF3\\u2F00-\\u2FD5\\uFE10-\\uFE19\\uFE30-\\uFE4F';
export const STAND_IN = new RegExp(`[${STAND_IN_RANGES}]`, 'u');
const STAND_INS = new RegExp(`[${STAND_IN_RANGES}]`, 'gu');
const SUPPLEMENT: Readonly<Record<string, string>> = {
  '⺠': '民', '⺰': '纟', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻋': '车', '⻐': '钅', '⻓': '长',
  '⻔': '门', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻠': '饣', '⻢': '马', '⻥': '鱼', '⻦': '鸟',
  '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙',
};

/** `s` with every stand-in replaced by its character (`s` itself when it has none). */
export function ownCharacters(s: string): string {
  return STAND_IN.test(s) ? s.replace(STAND_INS, (c) => ownCharacter(c)) : s;
}

function ownCharacter(c: string): string {
  const own = SUPPLEMENT[c] ?? c.normalize('NFKC');
  return own.length === 1 ? own : c; // one for one (a few vertical forms decompose to two characters or to spaces)
}
