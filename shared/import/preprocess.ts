/**
 * Text as read → text as parsed: line ends unified, NUL dropped, characters that stood in for others in a PDF put
 * back (stand-ins.ts: 「⼈⺠」 → 「人民」), page numbers and form feeds taken out (they split tables in the middle),
 * and whether the text looks like a paginated layout (pdftotext). Nothing else changes.
 */
import { ownCharacters, STAND_IN, STAND_IN_RANGES } from './stand-ins.js';

/**
 * The forms a page number is printed in, on a line of its own: 「- 3 -」「— 3 —」「第 3 页」「第 3 页，共 6 页」.
 * pdf/lines.ts adds the bare figures («3», «3/6») that it may take for page numbers only in a page's margin.
 */
export const PAGE_NUMBER_FORMS = String.raw`[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?`;
const PAGE_NUMBER = new RegExp(String.raw`^[ \t\u3000\u00A0]*(?:${PAGE_NUMBER_FORMS})[ \t\u3000\u00A0]*$`, 'u');

/**
 * What preprocessing may change: CR, NUL, form feed and a stand-in (stand-ins.ts) anywhere, and a line that may be
 * a page number (a dash or 「第」 and a digit after its spaces; the first line is tested apart). Written without `^`
 * and the `m` flag, which made the engine try every position of the text.
 */
const MAY_CHANGE = new RegExp(`[\\r\\u0000\\f${STAND_IN_RANGES}]|\\n[ \\t\\u3000\\u00A0]*(?:[-－—–]|第)\\s*\\d`);
const FIRST_LINE_MAY_CHANGE = /^[ \t\u3000\u00A0]*(?:[-－—–]|第)\s*\d/;

/** A page number line starts, after spaces, with a dash or 「第」: other lines need no regex test. */
function mayBePageNumber(t: string, from: number, end: number): boolean {
  let i = from;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0xa0) break;
    i++;
  }
  if (i === end) return false;
  const c = t.charCodeAt(i);
  return c === 0x2d || c === 0xff0d || c === 0x2014 || c === 0x2013 || c === 0x7b2c;
}

export function preprocess(raw: string): { text: string; layout: boolean } {
  // Most text has none of it: one regex scan, and the text is used as it came.
  if (!MAY_CHANGE.test(raw) && !FIRST_LINE_MAY_CHANGE.test(raw)) return { text: raw, layout: false };
  // Each replacement only when its character occurs (each is a pass over the text). A form feed starts a line.
  let t = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (t.includes('\u0000')) t = t.replace(/\u0000/g, '');
  if (STAND_IN.test(t)) t = ownCharacters(t);
  if (t.includes('\f')) t = t.replace(/\f/g, '\n\f');
  let pageNumbers = 0, formFeeds = 0;
  // Lines kept are copied in runs: a run of unchanged lines is one slice (its line ends included), cut where a line
  // is dropped or loses its form feed. The result is the kept lines joined by line ends.
  const parts: string[] = [];
  let runStart = -1, runEnd = 0;
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { flush } = {
    flush() {
      if (runStart >= 0) parts.push(t.slice(runStart, runEnd));
      runStart = -1;
    }
  };
  for (let start = 0; start <= t.length;) {
    let end = t.indexOf('\n', start);
    if (end < 0) end = t.length;
    let from = start;
    if (t.charCodeAt(start) === 12) {
      formFeeds++;
      from++;
    }
    // A page number is a short line of its own: 「-3-」「第 3 页 共 6 页」.
    if (end - from <= 40 && mayBePageNumber(t, from, end) && PAGE_NUMBER.test(t.slice(from, end))) {
      pageNumbers++;
      flush();
    } else {
      if (from !== start) flush();
      if (runStart < 0) runStart = from;
      runEnd = end;
    }
    start = end + 1;
  }
  flush();
  const layout = formFeeds > 0 || pageNumbers >= 2;
  // Nothing dropped or cut: the text as it came (no copy).
  return { text: formFeeds === 0 && pageNumbers === 0 ? t : parts.join('\n'), layout };
}
