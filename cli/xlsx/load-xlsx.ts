/** The `.xlsx` loader of cli/load.ts: a workbook made by `nianbao template` or the add-in → draft. */
import { gridCells, readWorkbook, WorkbookError } from '../../shared/xlsx/read-workbook.js';
import type { Loaded, LoadOptions } from '../load.js';

export function loadXlsx(bytes: Uint8Array, file: string, options: LoadOptions): Loaded {
  try {
    const read = readWorkbook(bytes, options.year === undefined ? {} : { year: options.year });
    // The grid is the whole report: its blank cells are blank cells of tables that are there.
    return { ok: true, file, draft: { ...read.draft, cells: gridCells(read) }, findings: [], computed: read.computed };
  } catch (e) {
    if (e instanceof WorkbookError) return { ok: false, file, error: e.message };
    throw e;
  }
}
