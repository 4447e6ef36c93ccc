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
import { huaian2024, readings, weihaiOffice2020 } from './support.js';

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
