import { buildCatalogue, type FormatCatalogue } from './catalogue.js';
import { FORMAT_2019 } from './format-2019.js';
import { FORMAT_2021 } from './format-2021.js';
import { buildGrids, type TableGrid } from './grid.js';
import type { AgencyLevel, FormatDef, FormatId, NarrativePartDef, TableId } from './types.js';

export type * from './types.js';
export type { CellDef, FormatCatalogue, RowInfo } from './catalogue.js';
export type { GridCell, GridCellRole, TableGrid } from './grid.js';

export const FORMATS: Readonly<Record<FormatId, FormatDef>> = { '2019': FORMAT_2019, '2021': FORMAT_2021 };
export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[];
export const TABLE_IDS: readonly TableId[] = ['t2', 't3', 't4'];
/** The first report year any supported format covers. */
export const FIRST_SUPPORTED_YEAR = Math.min(...FORMAT_IDS.map((id) => FORMATS[id].years.from));

export function isFormatId(x: unknown): x is FormatId {
  return typeof x === 'string' && Object.hasOwn(FORMATS, x);
}

/** The format a report year calls for; undefined for years before 2019 (format.unsupported-year). */
export function formatIdForYear(year: number): FormatId | undefined {
  return FORMAT_IDS.find((id) => {
    const { from, to } = FORMATS[id].years;
    return year >= from && (to === undefined || year <= to);
  });
}

const catalogues = new Map<FormatId, FormatCatalogue>();
/** Every cell of the format with its kind and labels (built once per format). */
export function catalogue(id: FormatId): FormatCatalogue {
  let c = catalogues.get(id);
  if (!c) catalogues.set(id, (c = buildCatalogue(FORMATS[id])));
  return c;
}

const grids = new Map<FormatId, Readonly<Record<TableId, TableGrid>>>();
/** The official drawing of t2, t3 and t4 with their merged cells. */
export function tableGrids(id: FormatId): Readonly<Record<TableId, TableGrid>> {
  let g = grids.get(id);
  if (!g) grids.set(id, (g = buildGrids(FORMATS[id])));
  return g;
}

/** The narrative parts a report of this format and agency level carries, in report order. */
export function narrativeParts(id: FormatId, level: AgencyLevel = 'department'): readonly NarrativePartDef[] {
  return FORMATS[id].narrative.filter((p) => !p.level || p.level === level);
}

/** The id of the table a cell id belongs to, or undefined. */
export function tableOf(cellId: string): TableId | undefined {
  const t = cellId.slice(0, 2);
  return (TABLE_IDS as readonly string[]).includes(t) && cellId[2] === '.' ? (t as TableId) : undefined;
}
