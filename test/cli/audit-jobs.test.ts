/**
 * The batch audit on worker threads (--jobs) gives the same output, in the same order, as on one thread; a file
 * that cannot be read is reported in its place either way.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNianbao } from '../support/cli.js';
import { buildDraft, natural } from '../support/drafts.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nianbao-jobs-'));
  // 24 files in 3 folders: consistent and inconsistent reports, consecutive years of some agencies, one bad JSON.
  for (let i = 0; i < 24; i++) {
    const dir = join(root, 'batch', `d${i % 3}`);
    mkdirSync(dir, { recursive: true });
    const year = 2021 + (i % 4);
    const d = i % 5 === 0
      ? buildDraft({ year, agency: `机关${i % 6}`, t3: { new: natural(7), granted: natural(7), total: natural(8) } })
      : buildDraft({ year, agency: `机关${i % 6}` });
    writeFileSync(join(dir, `r${String(i).padStart(2, '0')}.json`), i === 13 ? '{ not json' : JSON.stringify(d));
  }
  // 8 PDFs: the two WPS reports, each file different in its bytes (a comment after the end), as a county's would be.
  mkdirSync(join(root, 'pdfs'));
  for (let i = 0; i < 8; i++) {
    const year = i % 2 ? 2024 : 2023;
    const pdf = readFileSync(join(FIXTURES_DIR, `../pdf/hongze-${year}.pdf`));
    writeFileSync(join(root, 'pdfs', `p${i}.pdf`), Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]));
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('nianbao check --jobs', () => {
  it('checks a folder of PDFs the same on two threads as on one (each thread reads PDFs in a thread of its own)', async () => {
    const one = await runNianbao(root, 'check', '--json', '--jobs', '1', 'pdfs');
    const two = await runNianbao(root, 'check', '--json', '--jobs', '2', 'pdfs');
    expect(one.code).toBe(1); // hongze's reports have errors
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    const lines = one.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; year: number });
    expect(lines.map((l) => l.year)).toEqual([2023, 2024, 2023, 2024, 2023, 2024, 2023, 2024]);
  }, 120_000);

  it('prints the same NDJSON in the same order on two threads as on one', async () => {
    const one = await runNianbao(root, 'check', '--json', '--jobs', '1', 'batch');
    const two = await runNianbao(root, 'check', '--json', '--jobs', '2', 'batch');
    expect(one.code).toBe(2); // r13 is not a draft
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    const files = one.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { file: string }).file);
    expect(files).toHaveLength(23);
    expect(files).toEqual([...files].sort());
    expect(two.stderr).toContain(`${join('batch', 'd1', 'r13.json')}：不是有效的草稿`);
  }, 60_000);

  it('gives the same summary table, and refuses a --jobs that is not a positive integer', async () => {
    const one = await runNianbao(root, 'check', '--summary', '--jobs', '1', 'batch');
    const two = await runNianbao(root, 'check', '--summary', '--jobs', '3', 'batch');
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('共检查 24 个文件');
    const bad = await runNianbao(root, 'check', '--jobs', '0', 'batch');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--jobs 应为正整数');
  }, 60_000);
});
