/**
 * The bot's interview engine and store, in process (the HTTP/Direct Line figure is the server's bench): turn
 * latency of 50 concurrent conversations × 40 turns on the embedded store, commit cost of SQLite (WASM) and, when
 * NIANBAO_TEST_PG_URL is set, PostgreSQL, and the memory the embedded store adds. CPU per turn beside the wall
 * figures: the machine may be shared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterviewer } from '../bot/engine/index.js';
import { openStore, type Store } from '../bot/store/index.js';
import { emptyDraft } from '../shared/index.js';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => Number(x.toFixed(2));

const SCRIPT = (i: number) => [
  // the name ends in 局: the level is read from it, not asked
  '你好', `某市第${i}局`, '2024', '某路1号', '264200', '0631-1234567',
  '有数字要填', '1', '0', '十二', '2', '0', '20', '有', '3', '有', '4', '5', '有', '0.5',
  '收到了', '以上各类都有', '6', '1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '0', '5', '1', '0', '0', '0', '进度',
];

async function commits(store: Store, n: number): Promise<number[]> {
  const { draftId } = await store.createDraft(emptyDraft(2024, `bench-${Math.random()}`));
  const key = `bench|${Math.random()}`;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await store.commitTurn({ key, state: { current: `t3.new.${i}` }, expectedVersion: i, draft: { draftId, changes: [{ path: 'cells.t3.new.natural', value: String(i) }] } });
    if (!r.ok) throw new Error('stale in bench');
    times.push(performance.now() - t0);
  }
  return times;
}

export async function bench(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-bot-'));
  const rss0 = process.memoryUsage().rss;
  const store = await openStore({ dataDir: dir });
  out['sqlite: RSS added by opening the store (MB)'] = ms((process.memoryUsage().rss - rss0) / 1e6);
  try {
    const c = await commits(store, 300);
    out['sqlite: commitTurn p50 (ms)'] = ms(pct(c, 50));
    out['sqlite: commitTurn p99 (ms)'] = ms(pct(c, 99));
    const bot = createInterviewer(store);
    let peak = process.memoryUsage().rss;
    const latencies: number[] = [];
    out['engine: load average at start (1/5/15 min)'] = loadavg().map((x) => x.toFixed(2)).join(' ');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 50 }, async (_, i) => {
      const key = { channelId: 'bench', userId: `u${i}`, conversationId: `c${i}` };
      for (const text of SCRIPT(i)) {
        const s = performance.now();
        await bot.handle(key, { text });
        latencies.push(performance.now() - s);
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    }));
    out['engine: 50 conversations × 40 turns, wall (ms)'] = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    out['engine: CPU per turn (ms, this process)'] = ms((cpu.user + cpu.system) / 1000 / latencies.length);
    out['engine: turn p50 (ms)'] = ms(pct(latencies, 50));
    out['engine: turn p99 (ms)'] = ms(pct(latencies, 99));
    out['engine: peak RSS (MB)'] = ms(peak / 1e6);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const pg = process.env.NIANBAO_TEST_PG_URL;
  if (pg) {
    const s = await openStore({ databaseUrl: pg });
    try {
      const c = await commits(s, 300);
      out['postgres: commitTurn p50 (ms)'] = ms(pct(c, 50));
      out['postgres: commitTurn p99 (ms)'] = ms(pct(c, 99));
    } finally {
      await s.close();
    }
  }
  return out;
}
