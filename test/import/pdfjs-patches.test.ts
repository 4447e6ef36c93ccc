/**
 * The changes made to pdf.js's worker code as the PDF thread loads it (shared/import/pdf/pdfjs-patches.ts): each
 * applies to the installed pdfjs-dist exactly once without moving a line, a patch whose text is gone is left out,
 * and PDFs of every producer at hand read to the same text, byte for byte, with them (and the uncopied channel
 * between pdf.js's two sides, direct-port.ts) and without (NIANBAO_PDFJS_PATCHES=0: pdf.js as shipped).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PdfRead } from '../../shared/import/pdf/extract.js';
import { DirectPort } from '../../shared/import/pdf/direct-port.js';
import { PDFJS_WORKER_PATCHES, patchSource } from '../../shared/import/pdf/pdfjs-patches.js';
import { PdfThread } from '../../shared/import/pdf/thread.js';
import { renderReportDocx } from '../../shared/render/docx.js';
import { huaian2024, weihaiOffice2020 } from '../support/fixture-drafts.js';
import { convertDocx, SOFFICE } from '../support/pdf-files.js';
import { FIXTURES_DIR } from './support.js';

const WORKER = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
const PDF_DIR = join(FIXTURES_DIR, '../pdf/');
const inCi = process.env.CI === 'true';

describe('the patches', () => {
  it('each applies to the installed pdf.js exactly once and keeps every line where it was', () => {
    const source = readFileSync(WORKER, 'utf8');
    const r = patchSource(source, PDFJS_WORKER_PATCHES);
    expect(r.missed).toEqual([]);
    expect(r.applied).toEqual(PDFJS_WORKER_PATCHES.map((p) => p.name));
    expect(r.source).not.toBe(source);
    expect(r.source.split('\n').length).toBe(source.split('\n').length);
  });

  it('a patch whose text is not there, or is there twice, is left out and the rest still apply', () => {
    const patches = [
      { name: 'gone', find: 'const A = 1;', replace: 'const A = 2;' },
      { name: 'twice', find: 'f();', replace: 'g();' },
      { name: 'once', find: 'const B = 1;', replace: 'const B = 3;' },
    ];
    const r = patchSource('f();\nconst B = 1;\nf();\n', patches);
    expect(r).toEqual({ source: 'f();\nconst B = 3;\nf();\n', applied: ['once'], missed: ['gone', 'twice'] });
  });

  it('a patch that would move lines is refused outright', () => {
    expect(() => patchSource('a;', [{ name: 'longer', find: 'a;', replace: 'a;\nb;' }])).toThrow(/longer/);
  });
});

describe('the uncopied channel between pdf.js’s two sides', () => {
  it('delivers to the other end only, in order, after the sender’s turn, the object itself', async () => {
    const [a, b] = DirectPort.pair();
    const got: unknown[] = [];
    const sent = { n: 1 };
    b.addEventListener('message', ({ data }) => got.push(data));
    a.addEventListener('message', () => got.push('echo'));
    a.postMessage(sent);
    a.postMessage('second', []);
    expect(got).toEqual([]); // like a worker's port: never within postMessage
    await Promise.resolve();
    expect(got).toEqual([sent, 'second']);
    expect(got[0]).toBe(sent);
  });

  it('a listener goes when its signal aborts, when removed, or when the port is terminated', async () => {
    const [a, b] = DirectPort.pair();
    const got: string[] = [];
    const ac = new AbortController();
    const named = () => got.push('named');
    b.addEventListener('message', () => got.push('signalled'), { signal: ac.signal });
    b.addEventListener('message', named);
    ac.abort();
    b.removeEventListener('message', named);
    b.addEventListener('message', () => got.push('kept'));
    a.postMessage(1);
    await Promise.resolve();
    expect(got).toEqual(['kept']);
    b.terminate();
    a.postMessage(2);
    await Promise.resolve();
    expect(got).toEqual(['kept']);
  });
});

/** The text of each PDF as a thread of its own reads it, with the patches or (NIANBAO_PDFJS_PATCHES=0) without. */
async function readAll(pdfs: readonly Uint8Array[], patched: boolean): Promise<PdfRead[]> {
  const before = process.env.NIANBAO_PDFJS_PATCHES;
  if (patched) delete process.env.NIANBAO_PDFJS_PATCHES;
  else process.env.NIANBAO_PDFJS_PATCHES = '0';
  const thread = new PdfThread();
  try {
    // the thread starts with the first read, taking the environment as it is then
    return await Promise.all(pdfs.map((b) => thread.read(b)));
  } finally {
    if (before === undefined) delete process.env.NIANBAO_PDFJS_PATCHES;
    else process.env.NIANBAO_PDFJS_PATCHES = before;
  }
}

describe('what is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-pdfjs-patches-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the WPS PDFs read the same with and without the patches', async () => {
    const pdfs = ['hongze-2023', 'hongze-2024'].map((n) => new Uint8Array(readFileSync(`${PDF_DIR}${n}.pdf`)));
    const [patched, shipped] = [await readAll(pdfs, true), await readAll(pdfs, false)];
    expect(patched.every((r) => r.ok)).toBe(true);
    expect(patched).toEqual(shipped);
  }, 60_000);

  it.skipIf(!SOFFICE && !inCi)('LibreOffice’s PDFs (simple fonts with their programs) read the same with and without', async () => {
    const pdfs = await Promise.all([weihaiOffice2020, huaian2024].map(async (draft, i) =>
      convertDocx(dir, `patches-${i}`, await renderReportDocx(draft()), 'pdf', 'pdf')));
    const [patched, shipped] = [await readAll(pdfs, true), await readAll(pdfs, false)];
    expect(patched.every((r) => r.ok)).toBe(true);
    expect(patched).toEqual(shipped);
  }, 180_000);
});
