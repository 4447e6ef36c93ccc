/**
 * Which embedded font programs the text reader can do without, and a copy of the PDF that hides them from pdf.js.
 *
 * Reading text needs each font's map from codes to Unicode (its /ToUnicode CMap) and its widths (in the font
 * dictionary), not the glyph programs: those are for drawing. pdf.js has no switch for "text only" and parses and
 * repairs every embedded program it meets (checkAndRepair, sanitizeGlyphLocations …): for the WPS reports, with six
 * or seven subset CJK fonts each, that was 30–40 % of reading a PDF. So a composite (Type 0) font that carries a
 * /ToUnicode map — how Chinese text is embedded by WPS, Word and most producers — has its descriptor's /FontFile,
 * /FontFile2 or /FontFile3 key renamed (same length: every byte offset of the file stays valid), and pdf.js treats
 * it as a font that is not embedded. Every other font keeps its program (see replaceableDescriptors).
 *
 * Only objects written out in the file are looked at (not those packed in compressed object streams, PDF 1.5+):
 * a font there keeps its program and is read the slow way, with the same result.
 */

/** One `N G obj` dictionary, as text (latin1), up to its stream or its end. */
interface ObjectDict { readonly start: number; readonly text: string }

/** How far past `N G obj` a dictionary is looked for: font and descriptor dictionaries are a few hundred bytes. */
const DICT_WINDOW = 4096;

/**
 * Every `N G obj` dictionary of the file. Found with Buffer.indexOf and decoded a window at a time: a regular
 * expression over the whole file as a string (streams included) took a millisecond of a WPS report, this a tenth.
 */
function objectDicts(pdf: Buffer): Map<number, ObjectDict> {
  const out = new Map<number, ObjectDict>();
  for (let at = pdf.indexOf('obj'); at >= 0; at = pdf.indexOf('obj', at + 3)) {
    const start = at + 3;
    // `obj` as a keyword: not in `endobj` or a longer name, and after the object's number and generation.
    if (start < pdf.length && !DELIMITER.test(String.fromCharCode(pdf[start]!))) continue;
    const m = HEADER.exec(pdf.toString('latin1', Math.max(0, at - 16), at));
    if (!m) continue;
    const window = pdf.toString('latin1', start, Math.min(pdf.length, start + DICT_WINDOW));
    const end = window.search(/\bstream\b|\bendobj\b/u);
    // A later definition of the same object number (an incremental update) replaces the earlier one.
    out.set(Number(m[1]), { start, text: end < 0 ? window : window.slice(0, end) });
  }
  return out;
}
/** What may follow a keyword: white space or a delimiter. */
const DELIMITER = /[\s<>[\]()/%{}]/u;
/** The end of the text before `obj`: the object number and generation, each after white space or the file's start. */
const HEADER = /(?:^|[^0-9])(\d{1,7})\s+\d{1,5}\s+$/u;

const ref = (text: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s*\\[?\\s*(\\d+)\\s+\\d+\\s+R`, 'u').exec(text);
  return m ? Number(m[1]) : undefined;
};
const isFontDict = (text: string) => /\/Type\s*\/Font(?![A-Za-z])/u.test(text);

/**
 * The object numbers of the font descriptors whose programs are not needed for text: those of composite (Type 0)
 * fonts' descendants, when every Type 0 font using the descendant has a /ToUnicode map. A simple font keeps its
 * program even with a map: without it pdf.js falls back to a standard encoding and system-font glyph tables, and
 * loses the text of LibreOffice's subset fonts (codes from 1 up, meant for the program's own encoding).
 */
function replaceableDescriptors(dicts: ReadonlyMap<number, ObjectDict>): Set<number> {
  const needed = new Set<number>();
  const replaceable = new Set<number>();
  for (const { text } of dicts.values()) {
    if (!isFontDict(text)) continue;
    const descriptor = (n: number | undefined) => {
      const font = n === undefined ? undefined : dicts.get(n);
      return font && isFontDict(font.text) ? ref(font.text, 'FontDescriptor') : undefined;
    };
    const descendant = ref(text, 'DescendantFonts');
    if (descendant !== undefined) {
      // A descendant this scan cannot see (an array object, a packed object): nothing is hidden for it.
      const d = descriptor(descendant);
      if (d !== undefined) (/\/ToUnicode\b/u.test(text) ? replaceable : needed).add(d);
    } else if (!/\/Subtype\s*\/CIDFontType[02]\b/u.test(text)) {
      // A simple font (a descendant is judged through its parent, above).
      const d = ref(text, 'FontDescriptor');
      if (d !== undefined) needed.add(d);
    }
  }
  for (const d of needed) replaceable.delete(d);
  return replaceable;
}

/**
 * A copy of `bytes` in which the font programs that text does not need are hidden from pdf.js, and how many were.
 * Always a copy: pdf.js takes ownership of (detaches) the buffer it is given.
 */
export function withoutFontPrograms(bytes: Uint8Array): { bytes: Uint8Array; hidden: number } {
  const copy = new Uint8Array(bytes);
  const dicts = objectDicts(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength));
  let hidden = 0;
  for (const n of replaceableDescriptors(dicts)) {
    const dict = dicts.get(n);
    if (!dict || !/\/Type\s*\/FontDescriptor\b/u.test(dict.text)) continue;
    const key = /\/FontFile[23]?(?![A-Za-z0-9])/gu;
    for (let m = key.exec(dict.text); m; m = key.exec(dict.text)) {
      // /FontFile → /FontFilZ: a key pdf.js does not know (the same length, so no offset moves).
      copy[dict.start + m.index + '/FontFil'.length] = 0x5a;
      hidden++;
    }
  }
  return { bytes: copy, hidden };
}
