/**
 * `nianbao check` on workbooks made by this tool, as a clerk leaves them: blank, half filled, a word typed into a
 * count. A workbook of ours has all its tables, so blank cells are blank-cell warnings, never 「缺少表格」; and no
 * finding asks the clerk to 「填写」 a cell that a formula fills.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sheetPlan } from '../../shared/layout.js';
import { runNianbao } from '../support/cli.js';
import { bookBytes, huaian2024, loadBook } from './support.js';

interface Line { findings: { rule: string; message: string; cells: string[] }[]; summary: { errors: number; warnings: number } }

let dir: string;
const nianbao = (...args: string[]) => runNianbao(dir, ...args);
const checkJson = async (file: string) => {
  const r = await nianbao('check', '--json', file);
  expect(r.code, r.stderr).not.toBe(2);
  return { code: r.code, line: JSON.parse(r.stdout.trim()) as Line };
};
const plan = sheetPlan('2021');
/** Cells the plan fills with a formula: the totals. */
const formulaCells = new Set(plan.cells.filter((c) => c.cellId && c.formula).map((c) => c.cellId!));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-grid-'));
});

describe('check on a workbook of ours', () => {
  it('a blank template: every table is there, its cells blank (warnings), no error', async () => {
    expect((await nianbao('template', '--year', '2024', '--agency', '某区教育局', '-o', 'blank.xlsx')).code).toBe(0);
    const { code, line } = await checkJson('blank.xlsx');
    expect(line.findings.filter((f) => f.rule === 'structure.missing-table')).toEqual([]);
    expect(line.findings.some((f) => f.rule === 'cell.blank')).toBe(true);
    expect([code, line.summary.errors]).toEqual([0, 0]);
  }, 30_000);

  it('half filled (only t3): t2 and t4 are blank, not missing', async () => {
    const draft = huaian2024();
    draft.cells = Object.fromEntries(Object.entries(draft.cells).filter(([id]) => id.startsWith('t3.')));
    writeFileSync(join(dir, 't3-only.json'), JSON.stringify(draft));
    expect((await nianbao('template', '--from', 't3-only.json', '-o', 't3-only.xlsx')).code).toBe(0);
    const { line } = await checkJson('t3-only.xlsx');
    expect(line.findings.filter((f) => f.rule.startsWith('structure.'))).toEqual([]);
    const blanks = line.findings.filter((f) => f.rule === 'cell.blank').flatMap((f) => f.cells);
    expect(blanks.some((c) => c.startsWith('t2.')) && blanks.some((c) => c.startsWith('t4.'))).toBe(true);
    expect(blanks.some((c) => c.startsWith('t3.'))).toBe(false);
  }, 30_000);

  it('a word in a count and an error cached in a total: the typed cell is named, the formula cell is not asked to be filled', async () => {
    writeFileSync(join(dir, 'huaian.json'), JSON.stringify(huaian2024()));
    expect((await nianbao('template', '--from', 'huaian.json', '-o', 'huaian.xlsx')).code).toBe(0);
    const wb = await loadBook(readFileSync(join(dir, 'huaian.xlsx')));
    const ws = wb.getWorksheet(plan.sheetName)!;
    ws.getCell(plan.addressOf['t3.new.natural']!).value = 'abc';
    const total = ws.getCell(plan.addressOf['t3.new.total']!);
    total.value = { formula: (total.value as ExcelJS.CellFormulaValue).formula, result: { error: '#VALUE!' } } as ExcelJS.CellFormulaValue;
    writeFileSync(join(dir, 'typed.xlsx'), await bookBytes(wb));
    const { code, line } = await checkJson('typed.xlsx');
    expect(code).toBe(1);
    expect(line.findings).toContainEqual(expect.objectContaining({ rule: 'cell.not-a-count', cells: ['t3.new.natural'] }));
    const onFormulas = line.findings.filter((f) => f.rule.startsWith('cell.') && f.cells.every((c) => formulaCells.has(c)));
    expect(onFormulas).toEqual([]);
    expect(line.findings.filter((f) => f.message.includes('#VALUE!'))).toEqual([]);
  }, 30_000);
});
