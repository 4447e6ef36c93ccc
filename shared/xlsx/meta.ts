/** What a nianbao workbook says about itself: a very hidden sheet of key/value rows (exceljs writes no custom properties). */
import type { FormatId } from '../formats/index.js';

export const META_SHEET = 'nianbao';
export const TEMPLATE_SCHEMA = 'nianbao.template/1';

export interface WorkbookMeta {
  schema: typeof TEMPLATE_SCHEMA;
  format: FormatId;
  year?: number;
  agency?: string;
  /** The sheet holding the tables. */
  sheet: string;
}

/** Key/value rows in a fixed order; the key names are stable machine ids (the sheet is never shown). */
export function metaRows(meta: WorkbookMeta): [string, string | number][] {
  return [
    ['schema', meta.schema],
    ['nianbao.format', meta.format],
    ['year', meta.year ?? ''],
    ['agency', meta.agency ?? ''],
    ['sheet', meta.sheet],
  ];
}
