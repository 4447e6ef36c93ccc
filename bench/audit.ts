/**
 * Batch audit with the built CLI (dist/, built first): `nianbao check DIR --summary` on 2,000 and `nianbao check DIR
 * --json --report out.html` on 10,000 published reports (copies of the fixture texts, generated into a temporary
 * directory and removed afterwards), each with --jobs 1 and --jobs 2, in a child process whose peak RSS (worker
 * threads included) is read from process.resourceUsage(). Also the narrative checks alone, in process.
 * The machine's load average is printed with the figures: the 2-core speed-up needs two idle cores.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importReport } from '../shared/import/index.js';
import { checkNarrative } from '../shared/narrative/index.js';
import { buildAll } from '../scripts/build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, '../shared/fixtures/reports');

/** `n` report files, 100 to a folder, cycling through the fixtures. */
function generate(dir: string, n: number): void {
  const texts = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => ({ f, text: readFileSync(join(FIXTURES, f)) }));
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `d${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const { f, text } = texts[i % texts.length]!;
    writeFileSync(join(sub, `${String(i).padStart(5, '0')}-${f}`), text);
  }
}

interface Run { seconds: number; cpuSeconds: number; maxRssMb: number; lines: number; code: number }

/** Runs the built CLI in a child Node process and reads its peak RSS. */
function runCli(args: string[]): Promise<Run> {
  const script = `
    process.argv.splice(1, Infinity, 'nianbao', ...${JSON.stringify(args)});
    await import('./dist/cli.js');
    process.stderr.write('\\nRUSAGE ' + JSON.stringify({ maxRSS: process.resourceUsage().maxRSS, cpu: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6, code: process.exitCode }) + '\\n');
  `;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0, err = '';
    child.stdout.on('data', (b: Buffer) => { for (const c of b) if (c === 10) lines++; });
    child.stderr.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-4000); });
    child.on('error', reject);
    child.on('close', () => {
      const m = /RUSAGE (\{.*\})/.exec(err);
      if (!m) return reject(new Error(`no resource usage from the child:\n${err}`));
      const u = JSON.parse(m[1]!) as { maxRSS: number; cpu: number; code: number };
      resolve({ seconds: (performance.now() - start) / 1000, cpuSeconds: u.cpu, maxRssMb: u.maxRSS / 1024, lines, code: u.code });
    });
  });
}

function narrativeRate(): number {
  const drafts = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))
    .map((f) => importReport({ name: f, text: readFileSync(join(FIXTURES, f), 'utf8') }).draft);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) for (const d of drafts) { checkNarrative(d); n++; }
  return n / ((performance.now() - start) / 1000);
}

const load = () => `负载 ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;

export async function bench(): Promise<Record<string, string | number>> {
  await buildAll();
  const figures: Record<string, string | number> = {};
  figures['正文检查（单核，已导入的年报）'] = `${Math.round(narrativeRate())} 份/秒`;
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-audit-'));
  try {
    const small = join(dir, 'n2000');
    generate(small, 2000);
    for (const jobs of [1, 2]) {
      const r = await runCli(['check', small, '--summary', '--jobs', String(jobs)]);
      figures[`2000 份 --summary，--jobs ${jobs}`] = `${r.seconds.toFixed(1)} 秒（CPU ${r.cpuSeconds.toFixed(1)} 秒），${Math.round(2000 / r.seconds)} 份/秒，峰值 RSS ${r.maxRssMb.toFixed(0)} MB（${load()}）`;
    }
    rmSync(small, { recursive: true, force: true });
    const n = 10000;
    const files = join(dir, `n${n}`);
    generate(files, n);
    const rate: number[] = [];
    for (const jobs of [1, 2]) {
      const out = join(dir, `report-${n}.html`);
      const r = await runCli(['check', files, '--json', '--report', out, '--jobs', String(jobs)]);
      if (r.lines !== n) throw new Error(`expected ${n} NDJSON lines, got ${r.lines} (exit ${r.code})`);
      rate.push(n / r.seconds);
      figures[`${n} 份批量核查（--json --report，含导入与配对），--jobs ${jobs}`] =
        `${r.seconds.toFixed(1)} 秒（CPU ${r.cpuSeconds.toFixed(1)} 秒），${Math.round(n / r.seconds)} 份/秒，峰值 RSS ${r.maxRssMb.toFixed(0)} MB（目标 < 300），网页 ${(statSync(out).size / 1e6).toFixed(0)} MB（${load()}）`;
      rmSync(out, { force: true });
    }
    figures[`${n} 份：2 线程 / 1 线程（目标 ≥ 1.7）`] = (rate[1]! / rate[0]!).toFixed(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
