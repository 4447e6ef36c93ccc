/**
 * Hostile .xlsx and .docx files through the real bin: a zip bomb, a lying directory, a flood of entries. Each is
 * refused with exit 2 and a Chinese reason, quickly, without inflating what it refuses.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { huaian2024 } from '../render/drafts.js';
import { runNianbao } from '../support/cli.js';
import { lyingSizes, manyEntries, withBombPart } from '../support/hostile-zips.js';

let dir: string;
let xlsx: Uint8Array;
let docx: Uint8Array;
const nianbao = (...args: string[]) => runNianbao(dir, ...args);
const write = (name: string, bytes: Uint8Array) => (writeFileSync(join(dir, name), bytes), name);
/** The first worksheet part of a package made by `nianbao template`. */
const sheetPart = (bytes: Uint8Array) => Object.keys(unzipSync(bytes)).find((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-zip-'));
  writeFileSync(join(dir, 'huaian.json'), JSON.stringify(huaian2024()));
  expect((await nianbao('template', '--from', 'huaian.json', '-o', 'huaian.xlsx')).code).toBe(0);
  expect((await nianbao('render', 'huaian.json', '-o', 'huaian.docx')).code).toBe(0);
  xlsx = readFileSync(join(dir, 'huaian.xlsx'));
  docx = readFileSync(join(dir, 'huaian.docx'));
}, 60_000);

describe('bounded reading of zip packages', () => {
  it('refuses an .xlsx whose sheet inflates past the limit, in seconds, naming the reason', async () => {
    const bomb = write('bomb.xlsx', withBombPart(xlsx, sheetPart(xlsx), 96 << 20));
    const started = Date.now();
    const r = await nianbao('check', bomb);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.xlsx 文件解压后过大/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('refuses a .docx bomb the same way, through the same reader', async () => {
    const bomb = write('bomb.docx', withBombPart(docx, 'word/document.xml', 96 << 20));
    const r = await nianbao('check', bomb);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.docx 文件解压后过大/);
  }, 60_000);

  it('counts what inflates, not what the headers claim', async () => {
    const liar = write('liar.xlsx', lyingSizes(withBombPart(xlsx, sheetPart(xlsx), 96 << 20), 1000));
    const r = await nianbao('check', liar);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/解压后过大/)]);
  }, 60_000);

  it('refuses a package with tens of thousands of entries before reading any', async () => {
    const r = await nianbao('check', write('flood.xlsx', manyEntries(20_000)));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/条目过多/)]);
  }, 60_000);

  it('still reads the real workbook and document it refused the doctored copies of', async () => {
    expect((await nianbao('check', '--json', 'huaian.xlsx')).code).toBe(0);
    const r = await nianbao('check', '--json', 'huaian.docx');
    expect(r.code).not.toBe(2);
  }, 60_000);
});
