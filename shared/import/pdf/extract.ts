/**
 * PDF bytes → positioned text of each page (pdf.js, the legacy build, which runs in Node) → the importer's plain text
 * (layout.ts). This module runs only in a PDF thread (thread.ts starts one; worker.ts is its entry): pdf.js is set up
 * there for reading text, which means changing that thread's globals, and a file that keeps pdf.js busy can be
 * stopped by ending the thread.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { ownCharacters } from '../stand-ins.js';
import { withoutFontPrograms } from './font-programs.js';
import { DirectPort } from './direct-port.js';
import { PDFJS_WORKER_PATCHES, patchSource, UNCOPIED_MESSAGES_NEED } from './pdfjs-patches.js';
import { layoutText, type PdfPageText, type PdfTextItem } from './layout.js';

export type PdfFailure = 'scan' | 'encrypted' | 'pdf-corrupt' | 'pdf-timeout' | 'pdf-too-large';
export type PdfRead =
  | { readonly ok: true; readonly text: string; readonly pages: number }
  | { readonly ok: false; readonly reason: PdfFailure };

/** A report is a few pages; past this many the file is not one (bounded time on junk). */
const MAX_PAGES = 200;
/** Fewer visible characters than this on all pages: no text layer (a scan, or images of text). */
const MIN_TEXT_CHARS = 20;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
/** pdf.js as loaded in this thread; `uncopied`: its two sides may talk through a DirectPort (see importWorkerModule). */
interface Loaded { readonly lib: PdfJs; readonly uncopied: boolean }
let pdfjs: Promise<Loaded> | undefined;

/**
 * pdf.js and its worker module, loaded once per thread, with two changes to the thread's globals:
 *
 * - No DecompressionStream. pdf.js inflates each compressed stream through it when the platform has one: in Node
 *   that is zlib on the libuv thread pool behind web streams, a hop out and back per content stream, CMap and font,
 *   dozens per report; measured on the two WPS PDFs it left the thread idle a tenth of the time. Without it pdf.js
 *   inflates with its own synchronous decoder (its fallback for streams the platform's decoder refuses): no slower
 *   in CPU, and no waiting.
 * - The legacy build carries core-js, which replaces two built-ins with slower JavaScript: Array.prototype.push (for
 *   a spec corner V8 misses: array-likes whose length passes 2^32) and JSON.parse (the "source text access"
 *   proposal). pdf.js uses neither corner and the replaced push alone was a tenth of a CPU profile: both are put
 *   back once both bundles have run their polyfills. Everything core-js only adds (Promise.withResolvers, Iterator
 *   helpers, Uint8Array.fromBase64 …) stays: pdf.js needs those on Node 20.
 *
 * In Node pdf.js runs its "worker" in the same thread (taken from globalThis.pdfjsWorker, which the worker module
 * sets), so that module is imported here too, before the natives are put back.
 */
async function loadPdfJs(): Promise<Loaded> {
  Reflect.deleteProperty(globalThis, 'DecompressionStream');
  const { push } = Array.prototype;
  const { parse } = JSON;
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const uncopied = await importWorkerModule();
  Object.defineProperty(Array.prototype, 'push', { value: push });
  Object.defineProperty(JSON, 'parse', { value: parse });
  return { lib, uncopied };
}

/**
 * pdf.js's worker module, run for its side effect (globalThis.pdfjsWorker) with pdfjs-patches.ts applied to its
 * source. The patched text runs as a script under the file's own name (vm), so that stack traces and profiles name
 * the file: the module imports nothing and exports only what it also puts on globalThis; its own URL, which it
 * asks for only to find the image decoders' WebAssembly (never loaded to read text), is written in.
 */
async function importWorkerModule(): Promise<boolean> {
  const file = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const url = pathToFileURL(file).href;
  const patched = process.env.NIANBAO_PDFJS_PATCHES === '0' ? undefined : patchSource(readFileSync(file, 'utf8'), PDFJS_WORKER_PATCHES);
  const script = patched && asScript(patched.source, url);
  if (!script) {
    await import(url);
    return false;
  }
  // On one line with the module's first, so that line numbers stay those of the file.
  new Script(`(function () { "use strict"; ${script}\n})();`, { filename: file }).runInThisContext();
  return patched.applied.includes(UNCOPIED_MESSAGES_NEED);
}

interface WorkerSide { WorkerMessageHandler: { initializeFromPort(port: DirectPort): void } }

/**
 * The channel to pdf.js's worker side for one document: uncopied messages (direct-port.ts) where the worker code
 * allows it, else pdf.js's own in-thread channel (undefined: getDocument makes it).
 */
function workerFor(loaded: Loaded): InstanceType<PdfJs['PDFWorker']> | undefined {
  if (!loaded.uncopied) return undefined;
  const [display, worker] = DirectPort.pair();
  (globalThis as unknown as { pdfjsWorker: WorkerSide }).pdfjsWorker.WorkerMessageHandler.initializeFromPort(worker);
  return loaded.lib.PDFWorker.create({ port: display as unknown as Worker });
}

/** The worker module as a script, or undefined if it is no longer one that can run as such (pdf.js changed). */
function asScript(source: string, url: string): string | undefined {
  const EXPORT = /^export \{ WorkerMessageHandler \};$/mu;
  const body = source.replace(EXPORT, '').replace(/\bimport\.meta\.url\b/gu, JSON.stringify(url));
  return body === source || /^(?:import|export)\b/mu.test(body) || /\bimport\.meta\b/u.test(body) ? undefined : body;
}


export async function extractPdf(bytes: Uint8Array): Promise<PdfRead> {
  const loaded = await (pdfjs ??= loadPdfJs());
  const { lib } = loaded;
  const worker = workerFor(loaded);
  const task = lib.getDocument({
    worker,
    data: withoutFontPrograms(bytes).bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
    verbosity: 0, stopAtErrors: false, useWorkerFetch: false,
  });
  try {
    return await pagesText(lib, task);
  } catch (e) {
    const name = (e as { name?: string }).name;
    return { ok: false, reason: name === 'PasswordException' ? 'encrypted' : 'pdf-corrupt' };
  } finally {
    void task.destroy().catch(() => undefined).finally(() => worker?.destroy());
  }
}

async function pagesText(lib: PdfJs, task: ReturnType<PdfJs['getDocument']>): Promise<PdfRead> {
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
      const str = ownCharacters(it.str);
      items.push({ str, x: t[4]!, y: t[5]!, w: vertical ? Math.abs(it.height) : Math.abs(it.width), size, vertical });
    }
    page.cleanup();
    return { width: viewport.width, height: viewport.height, items };
  }));
  const chars = pages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.str.replace(/\s/gu, '').length, 0), 0);
  if (chars < MIN_TEXT_CHARS) return { ok: false, reason: 'scan' };
  return { ok: true, text: layoutText(pages), pages: doc.numPages };
}
