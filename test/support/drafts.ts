/** Builds drafts for tests from compact row notation, with every unlisted numeric cell of a table set to 「0」. */
import { catalogue, DRAFT_SCHEMA_ID, FORMATS, formatIdForYear, type Draft, type FormatId } from '../../shared/index.js';

type Values = readonly (string | number)[];

export interface DraftSpec {
  year: number;
  format?: FormatId;
  agency?: string;
  /** t2 rows by row id: values in the block's column order. */
  t2?: Record<string, Values>;
  /** t3 rows by row id: seven values, natural … total. */
  t3?: Record<string, Values>;
  /** t4 groups by id: upheld, corrected, other, pending, total. */
  t4?: Record<string, Values>;
  /** Tables left out of the draft altogether. */
  omit?: readonly ('t2' | 't3' | 't4')[];
  narrative?: Record<string, string>;
}

export function buildDraft(spec: DraftSpec): Draft {
  const format = spec.format ?? formatIdForYear(spec.year) ?? '2019';
  const cat = catalogue(format);
  const cells: Record<string, string> = {};
  for (const c of cat.cells) if (!spec.omit?.includes(c.table)) cells[c.id] = '0';
  for (const table of ['t2', 't3', 't4'] as const) {
    for (const [row, values] of Object.entries(spec[table] ?? {})) {
      const rowInfo = cat.rows.find((r) => r.table === table && r.id === row);
      if (!rowInfo) throw new Error(`no row ${table}.${row} in format ${format}`);
      if (values.length !== rowInfo.cells.length) throw new Error(`${table}.${row} has ${rowInfo.cells.length} cells, got ${values.length}`);
      rowInfo.cells.forEach((c, i) => {
        const v = values[i]!;
        if (v === '') delete cells[c.id];
        else cells[c.id] = String(v);
      });
    }
  }
  return {
    schema: DRAFT_SCHEMA_ID, year: spec.year, format,
    agency: { name: spec.agency ?? '测试机关' }, cells, narrative: spec.narrative ?? {},
  };
}

/** A t3 row of one applicant type only: [n, 0, 0, 0, 0, 0, n]. */
export const natural = (n: number): number[] => [n, 0, 0, 0, 0, 0, n];

export { FORMATS };
