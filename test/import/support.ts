/** Shared helpers of the importer tests: the real fixtures, rows of a draft, findings of a full table check. */
import { readFileSync } from 'node:fs';
import { catalogue, checkTables, type Draft, type Finding, type FormatId } from '../../shared/index.js';
import { mergeFindings } from '../../shared/check.js';
import { importReport, type ImportResult } from '../../shared/import/index.js';

import { FIXTURES_DIR } from '../support/fixtures.js';

export { FIXTURES_DIR };

export const FIXTURE_NAMES = [
  'weihai-hitech-social-2020', 'wendeng-tianfu-2020', 'weihai-hitech-office-2020', 'pingtan-2021', 'pingtan-2022',
  'huaian-2024', 'hongze-2023', 'hongze-2024',
] as const;

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(`${FIXTURES_DIR}${name}.txt`);
}

export function importFixture(name: string): ImportResult {
  return importReport({ name: `${name}.txt`, bytes: fixtureBytes(name) });
}

/** The importer's findings plus the table checks of its draft (what `nianbao check` reports for the tables). */
export function allFindings(r: ImportResult, previous?: Draft): Finding[] {
  return mergeFindings(r.findings, checkTables(r.draft, previous ? { previous } : {}));
}

/** A row's cells as read, in column order (undefined where a cell was not read). */
export function row(d: Draft, table: string, id: string): (string | undefined)[] {
  const info = catalogue(d.format as FormatId).rows.find((r) => r.table === table && r.id === id);
  if (!info) throw new Error(`no row ${table}.${id}`);
  return info.cells.map((c) => d.cells[c.id]);
}

/** A row as numbers (NaN where not a number). */
export function nums(d: Draft, table: string, id: string): number[] {
  return row(d, table, id).map((v) => (v === undefined || v.trim() === '' ? NaN : Number(v.replace(/[\s\u00A0\u3000]/g, ''))));
}

export const errors = (fs: readonly Finding[]) => fs.filter((f) => f.severity === 'error');
export const byRule = (fs: readonly Finding[], rule: string) => fs.filter((f) => f.rule === rule);
