/** Excel add-in figures on the fake host: syncs per committed edit, rule evaluation time for the whole grid, pane bundle size. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddin } from '../addin/build.js';
import { checkTables } from '../shared/rules/evaluate.js';
import { FORMAT_IDS } from '../shared/formats/index.js';
import { consistentDraft, rng } from '../test/support/generate.js';
import { at, blocksOf, laidOut, YEAR } from '../test/addin/support.js';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export async function bench(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  for (const format of FORMAT_IDS) {
    const { plan, host, session } = await laidOut(format);
    const draft = consistentDraft(format, rng(42));
    for (const b of blocksOf(plan, draft)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    await host.idle();
    // 40 committed edits, alternately breaking and mending a t3 row (so notes are added and removed).
    const cell = at(plan, 't3.new.natural');
    const right = Number(draft.cells['t3.new.natural']);
    const syncs: number[] = [], editMs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = host.syncs, t0 = performance.now();
      host.type(`'${plan.sheetName}'!${cell.address}`, String(i % 2 ? right : right + 1 + i));
      await host.idle();
      editMs.push(performance.now() - t0);
      syncs.push(host.syncs - before);
    }
    out[`${format} 每次编辑的 sync 次数（最多/平均）`] = `${Math.max(...syncs)} / ${(syncs.reduce((a, b) => a + b, 0) / syncs.length).toFixed(2)}`;
    out[`${format} 每次编辑全程（假宿主，中位数）`] = `${percentile(editMs, 0.5).toFixed(2)} ms`;

    // Rule evaluation for the whole grid as the handler does it: values → draft cells → checkTables.
    const values = host.sheet(plan.sheetName);
    const grid = Array.from({ length: plan.height }, (_, r) => Array.from({ length: plan.width }, (_, c) => values.value(r, c)));
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      checkTables({ year: YEAR[format], format, cells: session.readCells(grid) });
      times.push(performance.now() - t0);
    }
    out[`${format} 整表规则核对（中位数 / p99，目标 ≤ 2 ms）`] = `${percentile(times, 0.5).toFixed(3)} ms / ${percentile(times, 0.99).toFixed(3)} ms`;
  }
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-addin-bench-'));
  try {
    const r = await buildAddin({ outdir: dir });
    out['任务窗格脚本（压缩，不含 office.js，目标 ≤ 200 KB）'] = `${(r.bundleBytes / 1024).toFixed(1)} KB`;
    out['导入上年报告脚本（按需加载）'] = `${(r.importerBytes / 1024).toFixed(1)} KB`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
