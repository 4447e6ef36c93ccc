/**
 * The importer on the real fixtures (text input, every layout: line-per-cell, tabs, pdftotext -layout, crawler
 * text) plus the table checks of each draft, many times over: reports/s on one core (target ≥ 10,000), wall clock
 * and per CPU-second (steadier when other work shares the machine), and the same for an HTML rendering of them.
 * PDF: the two real WPS PDFs (shared/fixtures/pdf) read by position through pdf.js, imported and checked, one after
 * another (target ≥ 20 reports/s on one core).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkTables } from '../shared/index.js';
import { mergeFindings } from '../shared/check.js';
import { importDocument } from '../shared/import/document.js';
import { importReport } from '../shared/import/index.js';
import { renderReportHtml } from '../shared/render/report.js';

const DIR = fileURLToPath(new URL('../../shared/fixtures/reports/', import.meta.url));
const PDF_DIR = fileURLToPath(new URL('../../shared/fixtures/pdf/', import.meta.url));

/**
 * The importer keeps the texts of PDFs it has read, by content (shared/import/read-memo.ts: a batch check asks for
 * each file twice): every read here gets bytes of its own, the file with a numbered comment after its end, so that
 * each one is read afresh.
 */
let reads = 0;
const fresh = (input: { name: string; bytes: Uint8Array }) =>
  ({ name: input.name, bytes: Buffer.concat([input.bytes, Buffer.from(`\n%bench ${++reads}\n`, 'latin1')]) });

/** PDF reports read, imported and checked one after another for at least `ms` (after `warm` of them). */
async function runPdf(inputs: readonly { name: string; bytes: Uint8Array }[], warm: number, ms: number) {
  for (let i = 0; i < warm; i++) await importDocument(fresh(inputs[i % inputs.length]!));
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let cells = 0;
  while (performance.now() - start < ms) {
    for (const original of inputs) {
      const input = fresh(original);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await importDocument(input);
      if (res.kind !== 'pdf' || res.unreadable) throw new Error(`${input.name}：${res.unreadable ?? res.kind}`);
      cells += Object.keys(res.draft.cells).length;
      mergeFindings(res.findings, checkTables(res.draft));
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { count: times.length, perSecond: +(times.length / seconds).toFixed(1), perCpuSecond: +(times.length / ((cpu.user + cpu.system) / 1e6)).toFixed(1), medianMs: median(times), medianCpuMs: median(cpuTimes), cells: cells / times.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function run(inputs: readonly { name: string; text: string }[], rounds: number) {
  const times: number[] = [];
  let findings = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const t0 = performance.now();
      const res = importReport(input);
      findings += mergeFindings(res.findings, checkTables(res.draft)).length;
      times.push(performance.now() - t0);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { count: times.length, perSecond: Math.round(times.length / seconds), perCpuSecond: Math.round(times.length / cpuSeconds), medianMs: median(times), findings };
}

/** Imports (and checks) the inputs round after round for at least `ms` milliseconds and `minRounds` rounds. */
function warmUp(inputs: readonly { name: string; text: string }[], minRounds: number, ms: number): void {
  const start = performance.now();
  for (let r = 0; r < minRounds || performance.now() - start < ms; r++) run(inputs, 1);
}

export async function bench(): Promise<Record<string, string | number>> {
  const texts = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ name: f, text: readFileSync(`${DIR}${f}`, 'utf8') }));
  const html = texts.map((t) => ({ name: t.name.replace(/\.txt$/, '.html'), text: renderReportHtml(importReport(t).draft) }));
  // The first few hundred reports run while V8 is still compiling the importer: reported on their own, and the
  // steady rate (what a batch of thousands of reports runs at) is measured after a warm-up of at least 1.5 s.
  const cold = run(texts, 30);
  warmUp(texts, 100, 1500);
  warmUp(html, 30, 500);
  const text = run(texts, 300);
  const web = run(html, 100);
  const bytes = texts.reduce((s, t) => s + t.text.length, 0) / texts.length;
  const pdfs = readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')).sort().map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(`${PDF_DIR}${f}`)) }));
  // NIANBAO_BENCH_PDF=0 skips the PDF part (seconds of pdf.js) while iterating on the text importer.
  const skipPdf = process.env.NIANBAO_BENCH_PDF === '0';
  const pdf = skipPdf ? undefined : await runPdf(pdfs, 10, 5000);
  const textFigures = {
    'import: fixtures': texts.length,
    'import: mean report size (chars)': Math.round(bytes),
    'import: text reports imported and checked': text.count,
    'import: text reports/s, one core (target ≥ 10000)': text.perSecond,
    'import: text reports per CPU-second (all threads of the process: JIT and GC helpers included)': text.perCpuSecond,
    'import: text median ms per report': text.medianMs.toFixed(3),
    'import: text reports/s, first 240 reports (cold, while compiling)': cold.perSecond,
    'import: HTML reports/s, one core': web.perSecond,
    'import: HTML reports per CPU-second': web.perCpuSecond,
    'import: HTML median ms per report': web.medianMs.toFixed(3),
    'import: findings per round (same every round)': text.findings / 300,
  };
  if (!pdf) return { ...textFigures, 'import: PDF': 'skipped (NIANBAO_BENCH_PDF=0)' };
  return {
    ...textFigures,
    'import: PDF fixtures': `${pdfs.length} (${pdfs.map((p) => p.name).join(', ')})`,
    'import: PDF reports read, imported and checked': pdf.count,
    'import: PDF reports/s, one core (target ≥ 20)': pdf.perSecond,
    'import: PDF reports per CPU-second': pdf.perCpuSecond,
    'import: PDF median ms per report': pdf.medianMs.toFixed(1),
    'import: PDF median CPU ms per report (steadier than the above when the machine is shared)': pdf.medianCpuMs.toFixed(1),
    'import: PDF cells read per report': pdf.cells,
  };
}
