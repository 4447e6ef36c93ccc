/** The `.xlsx` loader of cli/load.ts: a workbook made by `nianbao template` or the add-in → draft. */
import type { Loaded, LoadOptions } from '../load.js';
import { readWorkbook, WorkbookError } from './read-workbook.js';

export async function loadXlsx(bytes: Uint8Array, file: string, options: LoadOptions): Promise<Loaded> {
  try {
    const { draft, findings } = await readWorkbook(bytes, options.year === undefined ? {} : { year: options.year });
    return { ok: true, file, draft, findings };
  } catch (e) {
    if (e instanceof WorkbookError) return { ok: false, file, error: e.message };
    throw e;
  }
}
