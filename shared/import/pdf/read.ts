/**
 * PDF input: recognising a PDF, and reading its text (in a thread of its own: thread.ts, extract.ts). pdf.js is
 * loaded there on first use, so a bundle that never reads a PDF (the add-in's task pane) does not carry it.
 */
import { readPdfInThread } from './thread.js';

export type { PdfRead } from './extract.js';

/** A PDF by its header: at the start, or (in a file named .pdf) after up to 1 KB of junk, as readers accept. */
export function isPdf(bytes: Uint8Array, name?: string): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.startsWith('%PDF-') || (!!name && /\.pdf$/iu.test(name) && head.includes('%PDF-'));
}

/** The report text of a PDF (tables as tab-separated rows), or why there is none. Never throws. */
export const readPdf = readPdfInThread;
