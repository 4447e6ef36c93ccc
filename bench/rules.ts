/** The full table rule set on generated drafts of both formats: checks per second and median time per check. */
import { loadavg } from 'node:os';
import { checkTables, plainInteger, type Draft } from '../shared/index.js';
import { compiled } from '../shared/rules/compiled.js';
import { consistentDraft, previousOf, rng } from '../test/support/generate.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

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

  // 1. The 2,000 drafts in turn: each check reads a draft that no check has touched for 2,000 checks (about 20 MB
  //    of cells objects ago), so its ~200 cells come from main memory or a shared L3, not from the core's caches.
  const times: number[] = [];
  const alone: number[] = [];
  const withPrevious: number[] = [];
  const cpuPerRound: number[] = [];
  let findings = 0;
  const loadBefore = load();
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let round = 0; round < 10; round++) {
    const r0 = process.cpuUsage();
    for (const p of pairs) {
      const t0 = process.hrtime.bigint();
      findings += checkTables(p.d, p.previous ? { previous: p.previous } : {}).length;
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      times.push(us);
      (p.previous ? withPrevious : alone).push(us);
    }
    const r = process.cpuUsage(r0);
    cpuPerRound.push((r.user + r.system) / pairs.length);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);

  // 3. The floor of 1.: only reading the cells' text out of the same drafts' objects, as the check does (each own id
  //    looked up, plain digits read; another format's ids probed), with nothing checked.
  const hasOwn = Object.prototype.hasOwnProperty;
  const read: number[] = [];
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    for (const p of pairs) {
      const t0 = process.hrtime.bigint();
      const { ids, foreignList } = compiled(p.d.format!);
      const get = p.d.cells as Record<string, string | undefined>;
      for (let i = 0; i < ids.length; i++) {
        const raw = get[ids[i]!];
        if (raw !== undefined) sink += plainInteger(raw);
      }
      for (let k = 0; k < foreignList.length; k++) if (hasOwn.call(get, foreignList[k]!)) sink++;
      read.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }

  // 2. The same draft checked a second time at once: its cells object is then in the core's caches, as one draft
  //    re-checked after each edit is (the add-in, the bot). Only the second check is timed.
  const again: number[] = [];
  const againCpuPerRound: number[] = [];
  for (let round = 0; round < 5; round++) {
    let cpuUs = 0;
    for (let s = 0; s < pairs.length; s += 100) {
      const batch = pairs.slice(s, s + 100);
      const c0 = process.cpuUsage();
      for (const p of batch) {
        const options = p.previous ? { previous: p.previous } : {};
        findings += checkTables(p.d, options).length;
        const t0 = process.hrtime.bigint();
        findings += checkTables(p.d, options).length;
        again.push(Number(process.hrtime.bigint() - t0) / 1000);
      }
      const c = process.cpuUsage(c0);
      cpuUs += c.user + c.system;
    }
    againCpuPerRound.push(cpuUs / (2 * pairs.length));
  }

  return {
    'rules: drafts checked': times.length,
    'rules: checks/s': Math.round(times.length / seconds),
    'rules: median µs per check, all (target ≤ 5)': median(times).toFixed(1),
    // CPU time of this thread over all checks (timer included): steadier than wall time when other work shares the cores.
    'rules: mean CPU µs per check': ((cpu.user + cpu.system) / times.length).toFixed(1),
    'rules: median over rounds of CPU µs per check': median(cpuPerRound).toFixed(1),
    'rules: load average while measured (before / after)': `${loadBefore} / ${load()}`,
    'rules: median µs per check, one draft alone': median(alone).toFixed(1),
    'rules: median µs per check, with last year (carry rules)': median(withPrevious).toFixed(1),
    'rules: p99 µs per check': [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.99)]!.toFixed(1),
    'rules: median µs only reading the ~200 cells out of the same drafts, nothing checked (the floor of the figure above)': `${median(read).toFixed(1)}${sink < 0 ? '' : ''}`,
    'rules: median µs per check, the same draft again at once (in cache)': median(again).toFixed(1),
    // Both checks of each draft counted (the first one cold): a bound from above for a check in cache.
    'rules: median over rounds of CPU µs per check, checked twice': median(againCpuPerRound).toFixed(1),
    'rules: findings on consistent drafts (expect 0)': findings,
  };
}
