/**
 * Workbooks made before t4 was drawn as three column groups carry t4 as one fifteen-column row under a single NB_T4
 * name. Clerks keep last year's file: the core's reader must still read every cell of it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isRowLayout, sheetPlan } from '../../shared/layout.js';
import { readWorkbook } from '../../shared/xlsx/read-workbook.js';
import { huaian2024, readings } from './support.js';

async function rowLayoutBook(cells: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const plan = sheetPlan('2021', { year: 2024, agency: '淮安市人民政府', wideTables: 'row' });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(plan.sheetName);
  for (const c of plan.cells) {
    const cell = ws.getCell(c.address);
    if (c.text !== undefined) cell.value = c.text;
    else if (c.cellId && cells[c.cellId] !== undefined) cell.value = Number(cells[c.cellId]);
  }
  for (const n of plan.names) wb.definedNames.add(n.ref, n.name);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a workbook in the earlier row layout (one NB_T4)', () => {
  it('is recognised by its names and read cell for cell', async () => {
    const draft = huaian2024();
    const plan = sheetPlan('2021', { wideTables: 'row' });
    expect(isRowLayout(plan.names.map((n) => n.name))).toBe(true);
    const read = readWorkbook(await rowLayoutBook(draft.cells));
    expect(read.draft.format).toBe('2021');
    expect(read.draft.year).toBe(2024);
    expect(read.draft.agency.name).toBe('淮安市人民政府');
    const t4 = Object.keys(draft.cells).filter((id) => id.startsWith('t4.'));
    expect(t4.length).toBe(15);
    expect(readings(read.draft.cells)).toEqual(readings(draft.cells));
  });
});
