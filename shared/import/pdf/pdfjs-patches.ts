/**
 * Four changes to pdf.js's worker code (pdfjs-dist's legacy pdf.worker.mjs), made to its source text as the PDF
 * thread loads it (extract.ts). Each one is a cost that pdf.js pays on every report for nothing when, as here, only
 * the text is wanted; together they are about a sixth of the time a WPS report takes (issue 11: ≥ 20 reports/s on
 * one core). None changes what is read: the two WPS PDFs and the LibreOffice/Chromium ones give the same text, byte
 * for byte, with and without them (test/import/pdfjs-patches.test.ts).
 *
 * A patch names the exact text it replaces in the pinned pdfjs-dist version, and keeps its number of lines (so that
 * stack traces, profiles and pdf.js's source map still point at the right lines). When that text is not there exactly
 * once (pdf.js was upgraded and changed the code), the patch is left out and pdf.js runs as shipped, only slower;
 * the test that every patch applies then fails, so an upgrade is noticed and the patches are looked at again.
 * NIANBAO_PDFJS_PATCHES=0 leaves all of them out (to compare, or to rule them out when a PDF reads wrong).
 */

export interface PdfJsPatch {
  readonly name: string;
  /** The text replaced: must occur exactly once. */
  readonly find: string;
  readonly replace: string;
}

export const PDFJS_WORKER_PATCHES: readonly PdfJsPatch[] = [
  {
    // A font's ToUnicode map is a sparse array as long as its highest character code (a WPS subset font: ~22,000
    // slots, ~200 used) and pdf.js visits every slot of it, a hash lookup each once V8 has made the array a
    // dictionary: about 0.7 ms per font, 7 % of a report. for…in visits only the slots there are, in the same
    // (ascending) order, and the callback still gets numbers.
    name: 'cmap-foreach-skips-holes',
    find: `  forEach(callback) {
    const map = this._map;
    const length = map.length;
    if (length <= 0x10000) {
      for (let i = 0; i < length; i++) {
        if (map[i] !== undefined) {
          callback(i, map[i]);
        }
      }`,
    replace: `  forEach(callback) {
    const map = this._map;
    const length = map.length;
    if (length <= 0x10000) {
      for (const key in map) { const i = +key;
        if (map[i] !== undefined) {
          callback(i, map[i]);
        }
      }`,
  },
  {
    // The text state is copied at every \`q\` (WPS wraps each run of text in q…Q) as Object.create(this): each state
    // becomes the prototype of the next, and V8 turns every object used as a prototype into a slow one and throws
    // away what it had learnt about its shape — about 5 % of a report. A plain copy of the same fields (own and
    // inherited alike: for…in sees both; the methods on the class are not enumerable) behaves the same.
    name: 'text-state-flat-clone',
    find: `  clone() {
    const clone = Object.create(this);
    clone.textMatrix = this.textMatrix.slice();
    clone.textLineMatrix = this.textLineMatrix.slice();
    clone.fontMatrix = this.fontMatrix.slice();
    return clone;
  }
}
class EvalState {`,
    replace: `  clone() {
    const clone = Object.create(TextState.prototype); for (const key in this) clone[key] = this[key];
    clone.textMatrix = this.textMatrix.slice();
    clone.textLineMatrix = this.textLineMatrix.slice();
    clone.fontMatrix = this.fontMatrix.slice();
    return clone;
  }
}
class EvalState {`,
  },
  {
    // Text goes from pdf.js's worker side to its display side in chunks of at least this many items, each one a
    // message that is copied (structuredClone), queued on a web stream and answered with a pull: at 10 that was a
    // few dozen round trips per page. A chunk is still sent whenever a page ends, so raising it only makes fewer,
    // larger messages (a report's page holds a few hundred items).
    name: 'text-chunks-per-page',
    find: 'const TEXT_CHUNK_BATCH_SIZE = 10;',
    replace: 'const TEXT_CHUNK_BATCH_SIZE = 1000;',
  },
  {
    // The text chunk object is reused: after sending it pdf.js gives it new (empty) items and styles. pdf.js's own
    // in-thread channel copies every message, so that did not matter; the one extract.ts uses hands messages over
    // as they are (the copying was another 6 %), so each chunk goes out as an object of its own.
    name: 'text-chunk-sent-as-its-own-object',
    find: 'sink?.enqueue(textContent, length);',
    replace: 'sink?.enqueue({ ...textContent }, length);',
  },
];

/** Messages may go between pdf.js's two sides uncopied only when this patch is in (see extract.ts). */
export const UNCOPIED_MESSAGES_NEED = 'text-chunk-sent-as-its-own-object';

export interface Patched {
  readonly source: string;
  readonly applied: readonly string[];
  /** Patches whose text was not found exactly once: left out. */
  readonly missed: readonly string[];
}

export function patchSource(source: string, patches: readonly PdfJsPatch[]): Patched {
  const applied: string[] = [];
  const missed: string[] = [];
  for (const p of patches) {
    if (p.find.split('\n').length !== p.replace.split('\n').length) throw new Error(`pdf.js patch ${p.name} changes the number of lines`);
    const at = source.indexOf(p.find);
    if (at < 0 || source.indexOf(p.find, at + 1) >= 0) {
      missed.push(p.name);
      continue;
    }
    source = source.slice(0, at) + p.replace + source.slice(at + p.find.length);
    applied.push(p.name);
  }
  return { source, applied, missed };
}
