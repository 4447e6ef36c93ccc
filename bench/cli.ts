/**
 * Start-up of the built CLI against a bare Node, whole processes from the outside: `node -e 0`, `nianbao check
 * one-draft.json` and `nianbao --help`, run side by side in each round (order rotated), medians over the rounds.
 * Builds dist/ first (npm run build), so the figure is for the code that ships.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importReport } from '../shared/import/index.js';
import { buildAll } from '../scripts/build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'cli/bin.js');
const ROUNDS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NIANBAO_FROM_SOURCE: '' } });
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

export async function bench(): Promise<Record<string, string | number>> {
  await buildAll();
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-cli-'));
  try {
    const draft = importReport({ name: 'hongze-2024.txt', text: readFileSync(join(ROOT, '../shared/fixtures/reports/hongze-2024.txt'), 'utf8') }).draft;
    const file = join(dir, 'one-draft.json');
    writeFileSync(file, JSON.stringify(draft));
    const runs: Record<string, string[]> = { node: ['-e', '0'], check: [BIN, 'check', file], help: [BIN, '--help'] };
    const names = Object.keys(runs);
    const t: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (const n of names) wall(runs[n]!); // warm the file cache
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(round + k) % names.length]!;
        t[n]!.push(wall(runs[n]!));
      }
    }
    const ratio = (n: string) => median(t[n]!.map((x, i) => x / t.node![i]!));
    return {
      '轮数（每轮三者各跑一次，取中位数）': ROUNDS,
      'node -e 0': `${median(t.node!).toFixed(0)} ms`,
      'nianbao check one-draft.json': `${median(t.check!).toFixed(0)} ms，为 node -e 0 的 ${ratio('check').toFixed(2)} 倍（目标 ≤ 2）`,
      'nianbao --help': `${median(t.help!).toFixed(0)} ms，为 node -e 0 的 ${ratio('help').toFixed(2)} 倍（目标 ≤ 2）`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
