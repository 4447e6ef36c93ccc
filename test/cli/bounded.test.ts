/**
 * Issue 8 §3, bounded work on every input file, replayed through the real bin: a symlink to /dev/zero, a named pipe
 * in a batch folder, a file over the size cap, a draft with two million unknown cell ids. Each is reported as
 * unreadable (exit status 2) in bounded time and memory; none hangs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNianbao } from '../support/cli.js';
import { buildDraft } from '../support/drafts.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nianbao-bounded-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const good = () => JSON.stringify(buildDraft({ year: 2024, agency: '某区教育局' }));

describe('nianbao check on files that are not ordinary reports', () => {
  it('refuses a symlink to /dev/zero instead of reading it without end', async () => {
    const p = join(root, 'zero.json');
    symlinkSync('/dev/zero', p);
    const r = await runNianbao(root, 'check', 'zero.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('zero.json：不是普通文件（设备文件），不予读取');
  }, 30_000);

  it('reports a named pipe in a batch folder as unreadable and checks the rest', async () => {
    const dir = join(root, 'batch');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-good.json'), good());
    execFileSync('mkfifo', [join(dir, 'b-pipe.json')]);
    writeFileSync(join(dir, 'c-good.json'), good());
    const r = await runNianbao(root, 'check', '--json', 'batch');
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string });
    expect(lines.map((l) => l.file)).toEqual([join('batch', 'a-good.json'), join('batch', 'c-good.json')]);
    expect(r.stderr).toContain('不是普通文件（命名管道），不予读取');
  }, 30_000);

  it('refuses a file over the size cap, and reads it when --max-size raises the cap', async () => {
    const p = join(root, 'big.json');
    writeFileSync(p, good());
    truncateSync(p, 51 * 1024 * 1024); // a valid draft followed by NUL bytes: invalid JSON, but only once read
    const r = await runNianbao(root, 'check', 'big.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('big.json：文件过大（51 MB，上限 50 MB；可用 --max-size 调高上限）');
    const raised = await runNianbao(root, 'check', '--max-size', '60', 'big.json');
    expect(raised.code).toBe(2);
    expect(raised.stderr).toContain('不是有效的草稿');
    expect((await runNianbao(root, 'check', '--max-size', 'abc', 'big.json')).stderr).toContain('--max-size 应为正数');
  }, 60_000);

  it('stops listing a huge draft\'s unknown cell ids after the first hundred and says how many there were', async () => {
    const p = join(root, 'huge.json');
    const ids = Array.from({ length: 2_000_000 }, (_, i) => `"t9.x${i}":"1"`).join(','); // 33 MB, as in the issue
    writeFileSync(p, `{"schema":"nianbao.draft/1","year":2024,"cells":{${ids}}}`);
    const t0 = performance.now();
    const r = await runNianbao(root, 'check', 'huge.json');
    const seconds = (performance.now() - t0) / 1000;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的单元格编号“t9.x0”');
    expect(r.stderr).toContain('共有 2000000 个未知的单元格编号，以上只列出前 100 个');
    expect(r.stderr.split('\n').filter((l) => l.includes('未知的单元格编号“')).length).toBe(100);
    // Minutes before; a few seconds now (mostly JSON.parse of 33 MB). Generous for a loaded CI machine.
    expect(seconds).toBeLessThan(120);
  }, 180_000);
});
