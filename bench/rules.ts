/** The full table rule set on generated drafts of both formats: checks per second and median time per check. */
import { loadavg } from 'node:os';
import { checkTables, type Draft } from '../shared/index.js';
import { consistentDraft, previousOf, rng } from '../test/support/generate.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function bench(): Promise<Record<string, string | number>> {
  const random = rng(2024);
  const drafts: Draft[] = [];
  for (let i = 0; i < 1000; i++) {
    drafts.push(consistentDraft('2019', random));
    drafts.push(consistentDraft('2021', random));
  }
  // Last year's report for half of them, so the carry rules run too.
  const pairs = drafts.map((d, i) => ({ d, previous: i % 2 ? previousOf(d) : undefined }));
  for (let w = 0; w < 3; w++) for (const p of pairs) checkTables(p.d, p.previous ? { previous: p.previous } : {});

  const times: number[] = [];
  const alone: number[] = [];
  const withPrevious: number[] = [];
  let findings = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let round = 0; round < 10; round++) {
    for (const p of pairs) {
      const t0 = process.hrtime.bigint();
      findings += checkTables(p.d, p.previous ? { previous: p.previous } : {}).length;
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      times.push(us);
      (p.previous ? withPrevious : alone).push(us);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    'rules: drafts checked': times.length,
    'rules: checks/s': Math.round(times.length / seconds),
    'rules: median µs per check, all (target ≤ 5)': median(times).toFixed(1),
    // CPU time of this thread over all checks (timer included): steadier than wall time when other work shares the cores.
    'rules: mean CPU µs per check': ((cpu.user + cpu.system) / times.length).toFixed(1),
    'rules: load average while measured': loadavg().map((x) => x.toFixed(1)).join(' '),
    'rules: median µs per check, one draft alone': median(alone).toFixed(1),
    'rules: median µs per check, with last year (carry rules)': median(withPrevious).toFixed(1),
    'rules: p99 µs per check': [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.99)]!.toFixed(1),
    'rules: findings on consistent drafts (expect 0)': findings,
  };
}
