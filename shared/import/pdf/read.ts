/**
 * PDF bytes → positioned text of each page (pdf.js, the legacy build, which runs in Node without a worker) → the
 * importer's plain text (layout.ts). pdf.js is loaded on first use, so a bundle that never reads a PDF (the add-in's
 * task pane) does not carry it.
 */
import { layoutText, type PdfPageText, type PdfTextItem } from './layout.js';

export type PdfRead =
  | { readonly ok: true; readonly text: string; readonly pages: number }
  | { readonly ok: false; readonly reason: 'scan' | 'encrypted' | 'pdf-corrupt' | 'pdf-timeout' | 'pdf-too-large' };

/** A report is a few pages; past this many the file is not one (bounded time on junk). */
const MAX_PAGES = 200;
/** A PDF that pdf.js has not read in this time is given up (a malformed file must not hang the CLI). */
const TIMEOUT_MS = 30_000;
/** Fewer visible characters than this on all pages: no text layer (a scan, or images of text). */
const MIN_TEXT_CHARS = 20;

/** A PDF by its header: at the start, or (in a file named .pdf) after up to 1 KB of junk, as readers accept. */
export function isPdf(bytes: Uint8Array, name?: string): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.startsWith('%PDF-') || (!!name && /\.pdf$/iu.test(name) && head.includes('%PDF-'));
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js and its worker, loaded once per process. The legacy build carries core-js, which replaces two of Node 20's
 * built-ins for the whole process with slower JavaScript: Array.prototype.push (for a spec corner V8 misses:
 * array-likes whose length passes 2^32) and JSON.parse (to add the "source text access" proposal). pdf.js uses neither corner, and
 * the replaced push alone was a tenth of a CPU profile of reading the two WPS PDFs (and it slowed every later import
 * in the process): with both put back a PDF takes about 15 % less CPU (7–34 % in alternating runs). So the worker
 * module is loaded here too, not left to pdf.js's first getDocument: in Node pdf.js runs it in-process (a "fake
 * worker", taken from globalThis.pdfjsWorker, which that module sets), and once both bundles have run their
 * polyfills the two natives are put back. Everything core-js only adds (Promise.withResolvers, Iterator helpers,
 * Uint8Array.fromBase64 …) stays: pdf.js needs those on Node 20.
 */
async function loadPdfJs(): Promise<PdfJs> {
  const { push } = Array.prototype;
  const { parse } = JSON;
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // @ts-expect-error the worker module ships no types; it is imported for its side effect (globalThis.pdfjsWorker)
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  Object.defineProperty(Array.prototype, 'push', { value: push });
  Object.defineProperty(JSON, 'parse', { value: parse });
  return lib;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfRead> {
  const lib = await (pdfjs ??= loadPdfJs());
  // pdf.js takes ownership of (detaches) the buffer it is given, and refuses a Node Buffer: give it a plain copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0,
    stopAtErrors: false, useWorkerFetch: false,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<PdfRead>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'pdf-timeout' }), TIMEOUT_MS);
  });
  try {
    return await Promise.race([extract(lib, task), timeout]);
  } catch (e) {
    const name = (e as { name?: string }).name;
    return { ok: false, reason: name === 'PasswordException' ? 'encrypted' : 'pdf-corrupt' };
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
  }
}

async function extract(lib: PdfJs, task: ReturnType<PdfJs['getDocument']>): Promise<PdfRead> {
  const doc = await task.promise;
  if (doc.numPages > MAX_PAGES) return { ok: false, reason: 'pdf-too-large' };
  const pages = await Promise.all(Array.from({ length: doc.numPages }, async (_, i): Promise<PdfPageText> => {
    const page = await doc.getPage(i + 1);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: PdfTextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const t = lib.Util.transform(viewport.transform, it.transform) as number[];
      const size = Math.hypot(t[2]!, t[3]!) || Math.abs(it.height) || 1;
      const vertical = !!content.styles[it.fontName]?.vertical;
      items.push({ str: it.str, x: t[4]!, y: t[5]!, w: vertical ? Math.abs(it.height) : Math.abs(it.width), size, vertical });
    }
    page.cleanup();
    return { width: viewport.width, height: viewport.height, items };
  }));
  const chars = pages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.str.replace(/\s/gu, '').length, 0), 0);
  if (chars < MIN_TEXT_CHARS) return { ok: false, reason: 'scan' };
  return { ok: true, text: layoutText(pages), pages: doc.numPages };
}
