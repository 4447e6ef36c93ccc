import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkTables, FORMAT_IDS, relations, type FormatId } from '../../shared/index.js';
import { columnName as colName, parseRange, sheetPlan } from '../../shared/layout.js';
import { readWorkbook, WorkbookError } from '../../shared/xlsx/read-workbook.js';
import { writeTemplate } from '../../cli/xlsx/write-template.js';
import { META_SHEET } from '../../shared/xlsx/meta.js';
import { consistentDraft, rng } from '../support/generate.js';
import { bookBytes, huaian2024, loadBook, readings, weihaiOffice2020 } from './support.js';

const YEAR: Record<FormatId, number> = { '2019': 2020, '2021': 2024 };

describe.each(FORMAT_IDS)('the template of format %s, re-read with exceljs', (format) => {
  const made = writeTemplate({ year: YEAR[format], agency: '某市某局' });

  it('carries the plan: labels, merges, widths, formulas, names, the hidden format sheet', async () => {
    const { bytes, plan } = await made;
    const wb = await loadBook(bytes);
    const ws = wb.getWorksheet(plan.sheetName)!;
    expect(ws).toBeDefined();
    for (const c of plan.cells) {
      if (c.text !== undefined) expect(ws.getCell(c.address).value).toBe(c.text);
      if (c.formula) expect(`=${ws.getCell(c.address).formula}`).toBe(c.formula);
      if (c.role === 'input') expect(ws.getCell(c.address).value).toBeNull();
    }
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(plan.merges.map((m) => `${m.from}:${m.to}`).sort());
    plan.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width ?? 9).toBe(w));
    const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names.map((n) => [n.name, n.ranges[0]]).sort()).toEqual(plan.names.map((n) => [n.name, n.ref]).sort());
    const meta = wb.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    const rows: string[][] = [];
    meta.eachRow((r) => rows.push([r.getCell(1).text, r.getCell(2).text]));
    expect(rows).toContainEqual(['nianbao.format', format]);
    expect(rows).toContainEqual(['year', String(YEAR[format])]);
  });

  it('locks labels, unlocks and tints inputs, and protects the sheet without a password', async () => {
    const { bytes, plan } = await made;
    const ws = (await loadBook(bytes)).getWorksheet(plan.sheetName)!;
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(protection.hashValue).toBeUndefined();
    for (const c of plan.cells) {
      const cell = ws.getCell(c.address);
      expect(cell.protection?.locked ?? true).toBe(c.locked);
      if (c.fill) expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(`FF${c.fill.slice(1)}`);
      if (c.numberFormat) expect(cell.numFmt).toBe(c.numberFormat);
    }
  });

  it('validates every input and total cell by its kind with the Chinese alert', async () => {
    const { bytes, plan } = await made;
    const ws = (await loadBook(bytes)).getWorksheet(plan.sheetName)!;
    for (const v of plan.validations) {
      const r = parseRange(v.ref)!;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          const dv = ws.getCell(row + 1, col + 1).dataValidation;
          expect(dv, `${v.ref}`).toMatchObject({ type: v.type, operator: v.operator, showErrorMessage: true, error: v.error, errorTitle: v.errorTitle });
          expect(dv.formulae.map(Number)).toEqual([v.formula1, v.formula2].filter((x) => x !== undefined).map(Number));
        }
      }
    }
  });

  it('has a red conditional format for every sum rule a sheet can check by itself, for text and negatives in inputs, and for totals over text', async () => {
    const { bytes, plan } = await made;
    const ws = (await loadBook(bytes)).getWorksheet(plan.sheetName)!;
    type Rule = { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } };
    const sheetCfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: Rule[] }[] }).conditionalFormattings;
    const cfs = sheetCfs.flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule })));
    const sheetRules = relations(format).filter((r) => [...r.actual, ...r.expected].every((t) => t.year === 'this'));
    expect(new Set(plan.conditionalFormats.map((c) => c.rule))).toEqual(new Set([...sheetRules.map((r) => r.rule), 'cell.not-a-count', 'cell.not-a-number']));
    // Every input cell is covered by a text/negative rule.
    const inputRules = plan.conditionalFormats.filter((c) => c.rule.startsWith('cell.'));
    for (const c of plan.cells.filter((x) => x.cellId)) {
      expect(inputRules.some((r) => { const k = parseRange(r.ref)!; return c.row >= k.top && c.row <= k.bottom && c.col >= k.left && c.col <= k.right; }), c.address).toBe(true);
    }
    expect(cfs).toHaveLength(plan.conditionalFormats.length);
    for (const c of plan.conditionalFormats) {
      const found = cfs.find((x) => x.ref === c.ref && x.rule.formulae?.[0] === c.formula.slice(1));
      expect(found, `${c.rule} at ${c.ref}`).toBeDefined();
      expect(found!.rule.type).toBe('expression');
      expect(found!.rule.style?.fill?.bgColor?.argb).toBe(`FF${c.fill.slice(1)}`);
    }
  });

  it('reads back an untouched template as a draft without cells', async () => {
    const { bytes } = await made;
    const { draft } = await readWorkbook(bytes);
    expect(draft).toMatchObject({ year: YEAR[format], format, agency: { name: '某市某局' }, cells: {} });
  });
});

describe('draft → template --from → readWorkbook', () => {
  const cases = { 'huaian-2024': huaian2024(), 'weihai-hitech-office-2020': weihaiOffice2020() };
  it.each(Object.entries(cases))('gives back the cells of %s and the same findings', async (_, draft) => {
    const { bytes, overriddenTotals } = await writeTemplate({ year: draft.year, draft });
    expect(overriddenTotals).toEqual([]);
    const { draft: back } = await readWorkbook(bytes);
    expect(back.agency.name).toBe(draft.agency.name);
    expect(readings(back.cells)).toEqual(readings(draft.cells));
    expect(checkTables(back)).toEqual(checkTables(draft));
  });

  it.each(FORMAT_IDS.flatMap((f) => [1, 2, 3].map((seed) => [f, seed] as const)))('round-trips a random consistent %s draft (seed %i)', async (format, seed) => {
    const draft = consistentDraft(format, rng(seed));
    const { bytes } = await writeTemplate({ year: draft.year, draft });
    const { draft: back } = await readWorkbook(bytes);
    expect(readings(back.cells)).toEqual(readings(draft.cells));
    expect(checkTables(back)).toEqual([]);
  });

  it('writes a total that disagrees with its parts as the draft has it, so the sheet and the check both flag it', async () => {
    const draft = huaian2024();
    draft.cells['t3.new.total'] = '3120';
    const { bytes, overriddenTotals, plan } = await writeTemplate({ year: 2024, draft });
    expect(overriddenTotals).toEqual(['t3.new.total']);
    const ws = (await loadBook(bytes)).getWorksheet(plan.sheetName)!;
    expect(ws.getCell(plan.addressOf['t3.new.total']!).value).toBe(3120);
    const { draft: back } = await readWorkbook(bytes);
    expect(back.cells['t3.new.total']).toBe('3120');
    expect(checkTables(back).map((f) => f.rule)).toContain('t3.row-total');
  });
});

describe('reading workbooks', () => {
  it('computes total formulas when the file holds no cached values', async () => {
    const draft = huaian2024();
    const { bytes, plan } = await writeTemplate({ year: 2024, draft });
    const wb = await loadBook(bytes);
    const ws = wb.getWorksheet(plan.sheetName)!;
    let stripped = 0;
    for (const c of plan.cells) {
      if (!c.formula) continue;
      ws.getCell(c.address).value = { formula: c.formula.slice(1) } as never;
      stripped++;
    }
    expect(stripped).toBeGreaterThan(30);
    const bare = await bookBytes(wb);
    const reread = (await loadBook(bare)).getWorksheet(plan.sheetName)!;
    expect((reread.getCell(plan.addressOf['t3.new.total']!).value as { result?: unknown }).result).toBeUndefined();
    const { draft: back } = await readWorkbook(bare);
    expect(readings(back.cells)).toEqual(readings(draft.cells));
  });

  it('finds the tables by their defined names after rows were inserted above', async () => {
    const draft = huaian2024();
    const { bytes, plan } = await writeTemplate({ year: 2024, draft });
    const wb = await loadBook(bytes);
    const ws = wb.getWorksheet(plan.sheetName)!;
    // What Excel does on 「插入行」 above the tables: every cell moves down, every name follows.
    const shift = 3;
    const moved = new ExcelJS.Workbook();
    const target = moved.addWorksheet(plan.sheetName);
    // A real insertion would also move the formulas' references; cached results keep this copy readable.
    ws.eachRow((row, r) => row.eachCell((cell, c) => {
      target.getCell(r + shift, c).value = cell.formula ? { formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue : cell.value;
    }));
    const meta = moved.addWorksheet(META_SHEET, { state: 'veryHidden' });
    wb.getWorksheet(META_SHEET)!.eachRow((row) => meta.addRow([row.getCell(1).value, row.getCell(2).value]));
    for (const n of plan.names) {
      const r = parseRange(n.ref)!;
      moved.definedNames.add(`'${plan.sheetName}'!$${colName(r.left)}$${r.top + 1 + shift}:$${colName(r.right)}$${r.bottom + 1 + shift}`, n.name);
    }
    const { draft: back } = await readWorkbook(await bookBytes(moved));
    expect(readings(back.cells)).toEqual(readings(draft.cells));
  });

  it('refuses a workbook that is not one of ours, in Chinese', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 42;
    const notOurs = await bookBytes(wb);
    expect(() => readWorkbook(notOurs)).toThrow(WorkbookError);
    expect(() => readWorkbook(new TextEncoder().encode('not a zip'))).toThrow(/不是有效的 \.xlsx/);
  });

  it('without the meta sheet (as the add-in leaves it), takes year and agency from the title and the format from the names', async () => {
    const { bytes } = await writeTemplate({ year: 2020, draft: weihaiOffice2020() });
    const wb = await loadBook(bytes);
    wb.removeWorksheet(wb.getWorksheet(META_SHEET)!.id);
    const bare = await bookBytes(wb);
    const { draft } = await readWorkbook(bare);
    expect(draft.format).toBe('2019');
    expect(draft.year).toBe(2020);
    expect(draft.agency.name).toBe('威海火炬高技术产业开发区党政办公室');
    expect((await readWorkbook(bare, { year: 2019 })).draft.year).toBe(2019);
  });

  it('lays out each format with its own plan', () => {
    expect(sheetPlan('2019').names.length).not.toBe(sheetPlan('2021').names.length);
  });
});

