/**
 * Any published report as a file holds it: PDF, Word 97–2003 (.doc), a web page saved from a browser, or what
 * importReport reads directly (text, HTML fragments, .docx). The heavy readers (pdf.js, word-extractor, Readability
 * over linkedom) are loaded here on demand, so whatever imports only importReport (the add-in's task pane) does not
 * carry them. All of them end in the one table reader: they hand importReport text with tab-separated table rows.
 */
import { importReport, type ImportInput, type ImportResult } from './import.js';
import type { InputRead } from './input.js';
import { htmlTitle } from './html.js';
import { ReadMemo } from './read-memo.js';

/** What the slow readers made of each file, by content (a batch check reads every file twice). */
const memo = new ReadMemo<InputRead>();

function isCfb(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 512 && magic.every((b, i) => bytes[i] === b);
}

async function extract(input: ImportInput): Promise<InputRead | undefined> {
  const { bytes, name } = input;
  if (bytes && (await import('./pdf/read.js')).isPdf(bytes, name)) {
    return memo.get('pdf', bytes, async () => {
      const r = await (await import('./pdf/read.js')).readPdf(bytes);
      return r.ok ? { ok: true, kind: 'pdf', text: r.text } : { ok: false, kind: 'pdf', reason: r.reason };
    });
  }
  if (name && /\.pdf$/iu.test(name)) return { ok: false, kind: 'pdf', reason: 'pdf-corrupt' };
  // By content, not name: many a published 「.doc」 is really a web page or a .docx, read below as what it is.
  if (bytes && isCfb(bytes)) {
    return memo.get('doc', bytes, async () => {
      const r = await (await import('./doc.js')).readDoc(bytes);
      return r.ok ? { ok: true, kind: 'doc', text: r.text } : { ok: false, kind: 'doc', reason: r.reason };
    });
  }
  const page = await import('./web-page.js');
  const html = page.savedPage(input);
  if (html !== undefined) {
    return memo.get('html', html, async () => {
      const title = htmlTitle(html);
      return { ok: true, kind: 'html', text: await page.webPageText(html), ...(title ? { title } : {}) };
    });
  }
  return undefined;
}

/** Reads a published report file of any supported kind. Bad input gives findings, never an exception. */
export async function importDocument(input: ImportInput): Promise<ImportResult> {
  let extracted: InputRead | undefined;
  try {
    extracted = await extract(input);
  } catch (e) {
    extracted = { ok: false, kind: 'text', reason: (e as Error).message };
  }
  return importReport(extracted ? { ...input, extracted } : input);
}
