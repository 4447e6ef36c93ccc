/** `nianbao template` and `nianbao check FILE.xlsx`, run as a user runs them: the real bin in a child process. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../shared/xlsx/read-workbook.js';
import { huaian2024, readings, weihaiOffice2020 } from './support.js';
import { consistentDraft, previousOf, rng } from '../support/generate.js';
import { prefillFromPrevious } from '../../shared/layout/carry.js';
import { runNianbao } from '../support/cli.js';


const nianbao = (...args: string[]) => runNianbao(dir, ...args);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-template-'));
});

describe('nianbao template --from another year', () => {
  it('refuses a draft of another year or format, and says how to use it as last year', async () => {
    writeFileSync(join(dir, 'weihai2020.json'), JSON.stringify(weihaiOffice2020()));
    const r = await nianbao('template', '--year', '2024', '--from', 'weihai2020.json', '-o', 'refused.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2020 年度（2019 年版格式）');
    expect(r.stderr).toContain('--as-previous');
    expect(existsSync(join(dir, 'refused.xlsx'))).toBe(false);
  });

  it('--as-previous prefills 上年结转 (and the 2019 format\'s 上一年项目数量) from last year\'s report, nothing else', async () => {
    const thisYear = consistentDraft('2019', rng(17));
    const last = previousOf(thisYear);
    writeFileSync(join(dir, 'last.json'), JSON.stringify(last));
    const r = await nianbao('template', '--year', String(thisYear.year), '--from', 'last.json', '--as-previous', '-o', 'prefilled.xlsx');
    expect(r.code, r.stderr).toBe(0);
    const { draft } = await readWorkbook(readFileSync(join(dir, 'prefilled.xlsx')));
    const expected = prefillFromPrevious('2019', last);
    expect(Object.keys(expected).some((id) => id.endsWith('.prev'))).toBe(true);
    expect(Object.keys(expected).some((id) => id.startsWith('t3.carried.'))).toBe(true);
    expect(readings(draft.cells)).toEqual(readings(expected));
    for (const id of Object.keys(expected)) expect(draft.cells[id], id).toBe(thisYear.cells[id]);
    expect(draft.year).toBe(thisYear.year);
    // Not last year's: refused even with --as-previous.
    const wrong = await nianbao('template', '--year', String(thisYear.year + 2), '--from', 'last.json', '--as-previous', '-o', 'x.xlsx');
    expect(wrong.code).toBe(2);
  }, 30_000);
});

describe('nianbao template', () => {
  it('writes an empty workbook for a year, with the agency in its title', async () => {
    const r = await nianbao('template', '--year', '2020', '--agency', '文登区天福街道办事处', '-o', 'empty.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2019 年版格式');
    const { draft } = await readWorkbook(readFileSync(join(dir, 'empty.xlsx')));
    expect(draft).toMatchObject({ year: 2020, format: '2019', agency: { name: '文登区天福街道办事处' }, cells: {} });
  }, 30_000);

  it('fills the workbook from a draft; check reads it back with no errors', async () => {
    const draft = huaian2024();
    writeFileSync(join(dir, 'huaian.json'), JSON.stringify(draft));
    const made = await nianbao('template', '--from', 'huaian.json', '-o', 'huaian.xlsx');
    expect(made.code).toBe(0);
    const checked = await nianbao('check', '--json', 'huaian.xlsx');
    expect(checked.code).toBe(0);
    const line = JSON.parse(checked.stdout.trim()) as { year: number; format: string; agency: string; summary: { errors: number } };
    expect(line).toMatchObject({ year: 2024, format: '2021', agency: '淮安市人民政府', summary: { errors: 0 } });
    const { draft: back } = await readWorkbook(readFileSync(join(dir, 'huaian.xlsx')));
    expect(readings(back.cells)).toEqual(readings(draft.cells));
  }, 30_000);

  it('keeps a wrong total from the draft, says so, and check exits 1 naming the cell', async () => {
    const draft = huaian2024();
    draft.cells['t4.review.total'] = '350';
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(draft));
    const made = await nianbao('template', '--from', 'wrong.json', '-o', 'wrong.xlsx');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('t4.review.total');
    const checked = await nianbao('check', '--json', 'wrong.xlsx');
    expect(checked.code).toBe(1);
    const line = JSON.parse(checked.stdout.trim()) as { findings: { rule: string; cells: string[]; expected: number; actual: number }[] };
    expect(line.findings).toContainEqual(expect.objectContaining({ rule: 't4.group-total', expected: 351, actual: 350 }));
    expect(line.findings.find((f) => f.rule === 't4.group-total')!.cells[0]).toBe('t4.review.total');
  }, 30_000);

  it('refuses wrong usage with exit 2 and a Chinese message', async () => {
    const noOut = await nianbao('template', '--year', '2024');
    expect([noOut.code, noOut.stderr]).toEqual([2, expect.stringContaining('-o')]);
    const old = await nianbao('template', '--year', '2017', '-o', 'old.xlsx');
    expect([old.code, old.stderr]).toEqual([2, expect.stringContaining('2019')]);
    expect(existsSync(join(dir, 'old.xlsx'))).toBe(false);
    const notXlsx = await nianbao('template', '--year', '2024', '-o', 'a.csv');
    expect(notXlsx.code).toBe(2);
    const missing = await nianbao('template', '--from', 'nope.json', '-o', 'x.xlsx');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('文件不存在')]);
  }, 30_000);

  it('check exits 2 for an .xlsx that is not a workbook of this tool', async () => {
    writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
    const r = await nianbao('check', 'broken.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是有效的 .xlsx');
  }, 30_000);
});
