/** Helpers for the add-in tests: a laid-out sheet on the fake host, and pasting a draft's tables into it. */
import { parseRange, type SheetPlan } from '../../shared/layout.js';
import type { Draft } from '../../shared/draft.js';
import { FakeExcelHost, type FakeHostOptions } from './host/fake-excel.js';
import { insertStandardSheet } from '../../addin/src/layout-writer.js';
import { SheetSession } from '../../addin/src/session.js';
import type { FormatId } from '../../shared/formats/index.js';

export const YEAR: Record<FormatId, number> = { '2019': 2020, '2021': 2024 };

export async function laidOut(format: FormatId, options: FakeHostOptions = {}) {
  const host = new FakeExcelHost(options);
  const { plan, id, key } = await insertStandardSheet(host, { format, year: YEAR[format], agency: '测试市测试局' });
  await host.idle();
  const session = new SheetSession(host, { id, name: plan.sheetName, format, year: YEAR[format], agency: '测试市测试局', key });
  await session.attach();
  await session.schedule();
  await host.idle();
  return { host, plan, session, sheet: host.sheet(plan.sheetName) };
}

/** The values of each named input block of `draft`, as a person would paste the block (numbers, not text). */
export function blocksOf(plan: SheetPlan, draft: Pick<Draft, 'cells'>): { at: string; rows: unknown[][] }[] {
  return plan.names.map((n) => {
    const rect = parseRange(n.ref.split('!')[1]!.replace(/\$/g, ''))!;
    const rows: unknown[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: unknown[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const id = plan.cellAt[`${colName(c)}${r + 1}`];
        const raw = id ? draft.cells[id] : undefined;
        row.push(raw === undefined ? '' : Number.isFinite(Number(raw)) ? Number(raw) : raw);
      }
      rows.push(row);
    }
    return { at: `${colName(rect.left)}${rect.top + 1}`, rows };
  });
}

export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a cell id sits, as (row, col) for the fake model. */
export function at(plan: SheetPlan, id: string): { row: number; col: number; address: string } {
  const c = plan.cells.find((x) => x.cellId === id);
  if (!c) throw new Error(`plan has no cell ${id}`);
  return { row: c.row, col: c.col, address: c.address };
}
