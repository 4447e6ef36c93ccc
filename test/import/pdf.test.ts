/**
 * PDF input, read by the position of each text item: the two real WPS PDFs give the same drafts as their text
 * fixtures; PDFs that LibreOffice makes from the project's .docx rendering of both formats read back cell for
 * cell; a scan, an encrypted PDF and a broken one are refused by `nianbao check`/`import` with a clear message and
 * exit 2. Needs LibreOffice and pdftoppm: skipped outside CI when absent, failing in CI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/index.js';
import { importDocument } from '../../shared/import/document.js';
import { renderReportDocx } from '../../shared/render/docx.js';
import { renderReportHtml } from '../../shared/render/report.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { runNianbao } from '../support/cli.js';
import { huaian2024, pingtan2022, weihaiOffice2020 } from '../support/fixture-drafts.js';
import { convertDocx, convertFile, ENCRYPTED_PDF_FILTER, PDFTOPPM, RESTRICTED_PDF_FILTER, scanOf, SOFFICE } from '../support/pdf-files.js';
import { FIXTURES_DIR, importFixture } from './support.js';

const PDF_DIR = join(FIXTURES_DIR, '../pdf/');
const inCi = process.env.CI === 'true';
const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A cell left out of the draft is printed empty and reads back as an empty cell: both are blank. */
const filled = (cells: Record<string, string>) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== ''));

describe('the real WPS PDFs read as their text fixtures', () => {
  it.each(['hongze-2023', 'hongze-2024'])('%s.pdf gives the same draft and findings as its text fixture', async (name) => {
    const text = importFixture(name);
    const pdf = await importDocument({ name: `${name}.pdf`, bytes: readFileSync(`${PDF_DIR}${name}.pdf`) });
    expect(pdf.kind).toBe('pdf');
    expect(Object.keys(pdf.draft.cells).length).toBeGreaterThan(150);
    expect(pdf.draft.cells).toEqual(text.draft.cells);
    expect(pdf.draft).toMatchObject({ year: text.draft.year, format: text.draft.format, agency: { name: text.draft.agency.name } });
    expect(Object.keys(pdf.draft.narrative).sort()).toEqual(Object.keys(text.draft.narrative).sort());
    expect(pdf.findings.map((f) => f.rule).sort()).toEqual(text.findings.map((f) => f.rule).sort());
  }, 30_000);

  it('figures of neighbouring cells stay apart and page numbers are gone', async () => {
    const r = await importDocument({ bytes: readFileSync(`${PDF_DIR}hongze-2023.pdf`) });
    expect(r.draft.cells['t4.review.upheld']).toBe('10');
    expect(r.draft.cells['t4.suit-after-review.upheld']).toBe('5');
    expect(Object.values(r.draft.narrative).join('\n')).not.toMatch(/-\s*\d\s*-/);
  }, 30_000);
});

/** weihai with the whole 本年增/减 column of 第二十条第（五）项 left blank: its figures must keep their columns. */
function weihaiBlankColumn(): Draft {
  const d = weihaiOffice2020();
  for (const row of ['licensing', 'services']) d.cells[`t2.${row}.delta`] = '';
  return d;
}

const DRAFTS: Record<string, () => Draft> = {
  'weihai-office-2020 (2019 format)': weihaiOffice2020, 'huaian-2024 (2021 format)': huaian2024, 'pingtan-2022 (2021 format)': pingtan2022,
  'weihai-office-2020 with a column blank in every row': weihaiBlankColumn,
};

describe.skipIf(!SOFFICE && !inCi)('PDFs made by LibreOffice from the .docx renderer', () => {
  it('LibreOffice is installed (required in CI)', () => expect(SOFFICE).toBeDefined());
  it.each(Object.keys(DRAFTS))('%s reads back cell for cell', async (label) => {
    const draft = DRAFTS[label]!();
    const pdf = convertDocx(dir, label.replace(/\W+/g, '-'), await renderReportDocx(draft), 'pdf', 'pdf');
    const r = await importDocument({ name: 'x.pdf', bytes: pdf });
    expect(r.kind).toBe('pdf');
    expect(filled(r.draft.cells)).toEqual(filled(draft.cells));
    expect(r.draft).toMatchObject({ year: draft.year, format: draft.format, agency: { name: draft.agency.name } });
  }, 180_000);

  // Clerks fill the template's workbook and print it: the tables only, t4 as three blocks one under another (each its
  // caption, the column headers, five numbers), the title as a running head on every page.
  it.each(['huaian-2024 (2021 format)', 'weihai-office-2020 (2019 format)'])('%s: the template workbook filled and printed to PDF reads back cell for cell', async (label) => {
    const draft = DRAFTS[label]!();
    const sub = mkdtempSync(join(dir, 'template-'));
    writeFileSync(join(sub, 'draft.json'), JSON.stringify(draft));
    const made = await runNianbao(sub, 'template', '--from', 'draft.json', '-o', 'tables.xlsx');
    expect(made.code).toBe(0);
    const pdf = convertFile(sub, 'tables.xlsx', readFileSync(join(sub, 'tables.xlsx')), 'pdf', 'pdf');
    const r = await importDocument({ name: 'tables.pdf', bytes: pdf });
    expect(r.kind).toBe('pdf');
    const numeric = (cells: Record<string, string>) => Object.fromEntries(Object.entries(filled(cells)).map(([k, v]) => [k, Number(v)]));
    expect(numeric(r.draft.cells)).toEqual(numeric(draft.cells)); // the workbook prints 96171.6 as 96171.60
    expect(r.findings.filter((f) => f.rule === 'structure.unreadable-table' || f.rule === 'structure.row-shape')).toEqual([]);
    // the title only as the running head of every page: kept once, so agency and year are read
    expect(r.draft).toMatchObject({ year: draft.year, format: draft.format, agency: { name: draft.agency.name } });
  }, 180_000);

  it('a PDF that forbids copying (a permissions password only, as many sites publish) is read all the same', async () => {
    const draft = weihaiOffice2020();
    const pdf = convertDocx(dir, 'restricted', await renderReportDocx(draft), RESTRICTED_PDF_FILTER, 'pdf-restricted');
    expect(new TextDecoder('latin1').decode(pdf)).toContain('/Encrypt');
    const r = await importDocument({ name: 'x.pdf', bytes: pdf });
    expect(filled(r.draft.cells)).toEqual(filled(draft.cells));
  }, 180_000);
});

describe.skipIf(!hasChromium && !inCi)('PDFs a browser prints from the HTML rendering (Chromium)', () => {
  // Chromium's fonts name radicals in their ToUnicode maps where the page shows characters (⼈⺠ for 人民, ⼆ for 二):
  // labels and the agency must still match, and no figure may land in the wrong row.
  it.each(['huaian-2024 (2021 format)', 'weihai-office-2020 (2019 format)'])('%s reads back cell for cell', async (label) => {
    const draft = DRAFTS[label]!();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(renderReportHtml(draft));
      const r = await importDocument({ name: 'x.pdf', bytes: new Uint8Array(await page.pdf({ format: 'A4' })) });
      expect(r.kind).toBe('pdf');
      expect(filled(r.draft.cells)).toEqual(filled(draft.cells));
      expect(r.draft).toMatchObject({ year: draft.year, format: draft.format, agency: { name: draft.agency.name } });
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe.skipIf((!SOFFICE || !PDFTOPPM) && !inCi)('PDFs that cannot be read: a clear message and exit 2', () => {
  const files: Record<string, string> = {};
  beforeAll(async () => {
    files.scan = join(dir, 'scan.pdf');
    writeFileSync(files.scan, scanOf(dir, `${PDF_DIR}hongze-2023.pdf`));
    files.encrypted = join(dir, 'encrypted.pdf');
    writeFileSync(files.encrypted, convertDocx(dir, 'enc', await renderReportDocx(weihaiOffice2020()), ENCRYPTED_PDF_FILTER, 'pdf-enc'));
    const real = readFileSync(`${PDF_DIR}hongze-2023.pdf`);
    files.truncated = join(dir, 'truncated.pdf');
    writeFileSync(files.truncated, real.subarray(0, 4000));
    files.text = join(dir, 'text.pdf');
    writeFileSync(files.text, '洪泽区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n');
    files.junk = join(dir, 'junk.pdf');
    writeFileSync(files.junk, Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\n'), real.subarray(real.length >> 1)]));
  }, 240_000);

  it('pdftoppm is installed (required in CI)', () => expect(PDFTOPPM).toBeDefined());
  it.each([
    ['scan', 'check', '这是扫描件，没有可读取的文字'],
    ['scan', 'import', '这是扫描件，没有可读取的文字'],
    ['encrypted', 'check', 'PDF 文件已加密'],
    ['truncated', 'import', 'PDF 文件已损坏'],
    ['junk', 'check', 'PDF 文件已损坏'],
    ['text', 'import', '不是有效的 PDF'],
  ])('%s: nianbao %s says so and exits 2', async (kind, command, message) => {
    const started = Date.now();
    const r = await runNianbao(dir, command, files[kind]!);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain(message);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe('nianbao accepts .pdf', () => {
  it('check reads the real PDF and reports its findings (exit 1: hongze has an error)', async () => {
    const r = await runNianbao(dir, 'check', `${PDF_DIR}hongze-2024.pdf`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('淮安市洪泽区人民政府 2024 年度');
    expect(r.stdout).toContain('format.mixed');
  }, 60_000);
});
