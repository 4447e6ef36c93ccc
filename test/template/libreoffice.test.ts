/**
 * The proof that the checks live in the workbook itself: LibreOffice (no add-in) opens a template and paints a
 * wrong total red, and a correct one not. Needs soffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAN_COLORS } from '../../shared/layout.js';
import type { Draft } from '../../shared/index.js';
import { readWorkbook } from '../../cli/xlsx/read-workbook.js';
import { writeTemplate } from '../../cli/xlsx/write-template.js';
import { diffBox, findTool, near, pixelsWhere, renderWorkbooks, resaveWithLibreOffice, type Box, type Image } from './render.js';
import { huaian2024, readings } from './support.js';

const present = Boolean(findTool('soffice') && findTool('pdftoppm'));
if (!present && process.env.CI) throw new Error('CI needs LibreOffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils)');

const red = near(PLAN_COLORS.error.fill);

function withCells(change: Record<string, string>): Draft {
  const d = huaian2024();
  return { ...d, cells: { ...d.cells, ...change } };
}

const CASES = {
  correct: {},
  'row-total': { 't3.new.total': '3120' },
  'group-total': { 't4.review.total': '350' },
  balance: { 't3.carry-forward.natural': '104' },
} as const;

describe.skipIf(!present)('a template opened in LibreOffice', () => {
  let images: Record<string, Image>;
  let dir: string;

  beforeAll(async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [name, change] of Object.entries(CASES)) {
      const draft = withCells(change);
      files[name] = (await writeTemplate({ year: draft.year, draft })).bytes;
    }
    ({ images, dir } = await renderWorkbooks(files));
  }, 240_000);

  it('paints nothing red when every sum holds', () => {
    expect(pixelsWhere(images.correct!, red).count).toBe(0);
  });

  it.each(['row-total', 'group-total', 'balance'])('paints the cells of a broken %s red, and only where the sheet differs', (name) => {
    const img = images[name]!;
    const reds: Box = pixelsWhere(img, red);
    const changed = diffBox(img, images.correct!);
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
