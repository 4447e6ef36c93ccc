/** 「导入上年报告」 on the fake host: last year's report prefills 上年结转 and the previous-year columns, and enables carry.*. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../shared/import/index.js';
import { relations } from '../../shared/rules/relations.js';
import { readPrevious } from '../../addin/src/importer.js';
import { prefillFromPrevious } from '../../shared/layout/carry.js';
import { consistentDraft, previousOf, rng } from '../support/generate.js';
import { at, blocksOf, laidOut } from './support.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const REPORTS = FIXTURES_DIR;

describe('导入上年报告', () => {
  it('2019 format: a draft JSON of last year fills 上年结转 and 上一年项目数量; the sheet then has no findings', async () => {
    const { plan, host, session, sheet } = await laidOut('2019');
    const thisYear = consistentDraft('2019', rng(21));
    const last = previousOf(thisYear);
    const previous = readPrevious({ text: JSON.stringify(last) });
    if (typeof previous === 'string') throw new Error(previous);
    const prefill = prefillFromPrevious('2019', previous);
    // Exactly the carry relations with only last-year terms on the expected side are prefilled.
    const expectedIds = relations('2019').filter((r) => r.rule.startsWith('carry.') && r.expected.every((t) => t.year === 'last')).map((r) => r.actual[0]!.ref);
    expect(Object.keys(prefill).sort()).toEqual(expectedIds.sort());
    expect(expectedIds.some((id) => id.endsWith('.prev'))).toBe(true);
    expect(expectedIds.some((id) => id.startsWith('t3.carried.'))).toBe(true);

    // The clerk has typed everything but the prefilled cells.
    const without = { cells: Object.fromEntries(Object.entries(thisYear.cells).filter(([id]) => !(id in prefill))) };
    for (const b of blocksOf(plan, without)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    await host.idle();
    const { filled, kept } = await session.usePrevious(previous);
    await host.idle();
    expect([filled, kept]).toEqual([expectedIds.length, 0]);
    for (const id of expectedIds) {
      const a = at(plan, id);
      expect(String(sheet.value(a.row, a.col)), id).toBe(thisYear.cells[id]);
    }
    expect(session.last!.findings).toEqual([]);

    // A wrong 上年结转 is now a carry.t3 warning.
    host.type(`'${plan.sheetName}'!${at(plan, 't3.carried.natural').address}`, String(Number(thisYear.cells['t3.carried.natural']) + 2));
    await host.idle();
    expect(session.last!.findings.map((f) => f.rule)).toContain('carry.t3');
  });

  it('2021 format: pingtan 2021 read by the importer prefills pingtan 2022\'s 上年结转 as that report states it', async () => {
    const { plan, host, session, sheet } = await laidOut('2021');
    const report2022 = importReport({ text: await readFile(join(REPORTS, 'pingtan-2022.txt'), 'utf8') }).draft;
    const previous = readPrevious({ text: await readFile(join(REPORTS, 'pingtan-2021.txt'), 'utf8'), name: 'pingtan-2021.txt' });
    if (typeof previous === 'string') throw new Error(previous);
    expect(previous.year).toBe(2021);
    const prefill = prefillFromPrevious('2021', previous);
    const carried = Object.keys(prefill);
    expect(carried.length).toBe(7);
    expect(carried.every((id) => id.startsWith('t3.carried.'))).toBe(true);
    await session.usePrevious(previous);
    await host.idle();
    for (const id of carried) {
      const a = at(plan, id);
      expect(String(sheet.value(a.row, a.col)), id).toBe(report2022.cells[id]);
    }
    // carry checks are on: the rest of 2022 typed in, carry.t3 holds.
    const rest = { cells: Object.fromEntries(Object.entries(report2022.cells).filter(([id]) => !id.startsWith('t3.carried.'))) };
    for (const b of blocksOf(plan, rest)) {
      const rows = b.rows.map((r, i) => r.map((v, j) => (v === '' ? sheet.value(rowOf(b.at) + i, colOf(b.at) + j) : v)));
      host.paste(`'${plan.sheetName}'!${b.at}`, rows);
    }
    await host.idle();
    expect(session.last!.findings.filter((f) => f.rule === 'carry.t3')).toEqual([]);
    expect(session.previous?.year).toBe(2021);
  });

  it('says why in Chinese when nothing can be read', () => {
    expect(readPrevious({ text: '' })).toMatch(/没有读到/);
    expect(readPrevious({ text: '{"schema":"nianbao.draft/1","year":"x"}' })).toMatch(/year/);
  });
});

const rowOf = (a: string) => Number(/\d+/.exec(a)![0]) - 1;
const colOf = (a: string) => [...(/^[A-Z]+/.exec(a)![0])].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
