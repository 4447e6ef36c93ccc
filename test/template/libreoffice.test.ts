/**
 * The proof that the checks live in the workbook itself: LibreOffice (no add-in) opens a template and paints a
 * wrong total red, and a correct one not. Needs soffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAN_COLORS } from '../../shared/layout.js';
import type { Draft } from '../../shared/index.js';
import { readWorkbook } from '../../shared/xlsx/read-workbook.js';
import { writeTemplate } from '../../cli/xlsx/write-template.js';
import { diffBox, findTool, near, pixelsWhere, renderWorkbooks, resaveWithLibreOffice, type Box, type Image } from './render.js';
import { bookBytes, huaian2024, loadBook, readings, weihaiOffice2020 } from './support.js';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

const present = Boolean(findTool('soffice') && findTool('pdftoppm'));
if (!present && process.env.CI) throw new Error('CI needs LibreOffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils)');

const red = near(PLAN_COLORS.error.fill);

function withCells(base: () => Draft, change: Record<string, string>): Draft {
  const d = base();
  return { ...d, cells: { ...d.cells, ...change } };
}

/** Each broken case is compared with the correct sheet of its format. */
const CASES: Record<string, { base: () => Draft; change: Record<string, string>; correct: string }> = {
  correct: { base: huaian2024, change: {}, correct: 'correct' },
  'row-total': { base: huaian2024, change: { 't3.new.total': '3120' }, correct: 'correct' },
  'group-total': { base: huaian2024, change: { 't4.review.total': '350' }, correct: 'correct' },
  balance: { base: huaian2024, change: { 't3.carry-forward.natural': '104' }, correct: 'correct' },
  // 2019 format: the blank 处理决定数量 filled, so the sheet has no blank; then 上一年项目数量 3 plus 增/减 -4 is negative.
  'correct-2019': { base: weihaiOffice2020, change: { 't2.services.decisions': '1' }, correct: 'correct-2019' },
  'stock-2019': { base: weihaiOffice2020, change: { 't2.services.decisions': '1', 't2.services.delta': '-4' }, correct: 'correct-2019' },
};

/** The clerk's typing, as a spreadsheet holds it: text stays text (exceljs writes what the clerk would have typed). */
async function typed(base: Draft, cells: Record<string, string | number>): Promise<Uint8Array> {
  const { bytes, plan } = await writeTemplate({ year: base.year, draft: base });
  const wb = await loadBook(bytes);
  const ws = wb.getWorksheet(plan.sheetName)!;
  for (const [id, v] of Object.entries(cells)) ws.getCell(plan.addressOf[id]!).value = v;
  return bookBytes(wb);
}

const pdftotext = findTool('pdftotext');
if (!pdftotext && process.env.CI) throw new Error('CI needs pdftotext (poppler-utils)');

describe.skipIf(!present || !pdftotext)('a template printed by LibreOffice', () => {
  it('prints on A4 portrait, one table per page, the title row repeated, no text below 9 pt', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const year of [2020, 2024]) files[`blank-${year}`] = (await writeTemplate({ year, agency: '某市某局' })).bytes;
    const { dir } = await renderWorkbooks(files, 40);
    for (const year of [2020, 2024]) {
      const pdf = join(dir, `blank-${year}.pdf`);
      const info = await exec('pdfinfo', [pdf]);
      expect(info.stdout).toMatch(/Pages:\s+3\b/);
      expect(info.stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      await exec(pdftotext!, ['-bbox', pdf, join(dir, `blank-${year}.html`)]);
      const html = readFileSync(join(dir, `blank-${year}.html`), 'utf8');
      const pages = html.split('<page ').slice(1);
      const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
        .map((m) => ({ height: Number(m[4]) - Number(m[2]), text: m[5]! }));
      expect(words.length).toBeGreaterThan(100);
      const smallest = words.reduce((a, b) => (b.height < a.height ? b : a));
      expect(smallest.height, `smallest text 「${smallest.text}」 in ${pdf}`).toBeGreaterThanOrEqual(9);
      // Page by page: the title on each, t2 then t3 then t4 (each its own page).
      const sections = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议'];
      pages.forEach((page, i) => {
        expect(page, `page ${i + 1}`).toContain('政府信息公开工作年度报告');
        const text = [...page.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((m) => m[1]).join('');
        expect(text, `page ${i + 1}`).toContain(sections[i]!.slice(0, 8));
      });
    }
  }, 240_000);

  it('turns a text, a negative and a total over a text red after recalculation', async () => {
    const base = huaian2024();
    const files = {
      base: await typed(base, {}),
      text: await typed(base, { 't3.new.natural': 'abc' }),
      negative: await typed(base, { 't3.carried.commercial': -2 }),
      'text-in-t4': await typed(base, { 't4.review.upheld': '二' }),
    };
    const { images, dir } = await renderWorkbooks(files);
    expect(pixelsWhere(images.base!, red).count).toBe(0);
    for (const name of ['text', 'negative', 'text-in-t4'] as const) {
      const reds = pixelsWhere(images[name]!, red);
      const changed = diffBox(images[name]!, images.base!);
      expect(reds.count, `red pixels in ${dir}/${name}.png`).toBeGreaterThan(300);
      expect(reds.top).toBeGreaterThanOrEqual(changed.top);
      expect(reds.bottom).toBeLessThanOrEqual(changed.bottom);
    }
    // The t4 total over a text is red too, not only the text: two red cells in that row.
    const t4 = pixelsWhere(images['text-in-t4']!, red);
    expect(t4.right - t4.left).toBeGreaterThan(200);
  }, 240_000);
});

describe.skipIf(!present)('a template opened in LibreOffice', () => {
  let images: Record<string, Image>;
  let dir: string;

  beforeAll(async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [name, { base, change }] of Object.entries(CASES)) {
      const draft = withCells(base, change);
      files[name] = (await writeTemplate({ year: draft.year, draft })).bytes;
    }
    ({ images, dir } = await renderWorkbooks(files));
  }, 240_000);

  it.each(['correct', 'correct-2019'])('paints nothing red when every sum holds (%s)', (name) => {
    expect(pixelsWhere(images[name]!, red).count).toBe(0);
  });

  it.each(['row-total', 'group-total', 'balance', 'stock-2019'])('paints the cells of a broken %s red, and only where the sheet differs', (name) => {
    const img = images[name]!;
    const reds: Box = pixelsWhere(img, red);
    const changed = diffBox(img, images[CASES[name]!.correct]!);
    // A filled cell at 100 dpi is some 15 × 60 pixels.
    expect(reds.count, `red pixels in ${dir}/${name}.png`).toBeGreaterThan(300);
    expect(reds.left).toBeGreaterThanOrEqual(changed.left);
    expect(reds.right).toBeLessThanOrEqual(changed.right);
    expect(reds.top).toBeGreaterThanOrEqual(changed.top);
    expect(reds.bottom).toBeLessThanOrEqual(changed.bottom);
    expect(reds.count / changed.count).toBeGreaterThan(0.5);
  });

  it('keeps names, formulas and the format when LibreOffice saves the workbook again', async () => {
    const draft = huaian2024();
    const resaved = await resaveWithLibreOffice((await writeTemplate({ year: draft.year, draft })).bytes);
    const { draft: back } = await readWorkbook(resaved);
    expect(back.format).toBe('2021');
    expect(readings(back.cells)).toEqual(readings(draft.cells));
  }, 120_000);
});
