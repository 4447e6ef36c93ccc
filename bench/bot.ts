/**
 * The bot server over its local Direct Line on loopback, the durable embedded store underneath (a child process, as
 * `npm run bot` runs it): cold start to the first answer, then 50 concurrent conversations × 40 turns — turn
 * latency (POST the answer, which returns once the turn is stored and answered, then GET the replies by watermark)
 * and the server's peak RSS. The first run answers every question at once (a load test: latency there is mostly
 * queueing behind the other 49); the second pauses 0.25–0.75 s before each answer, as people do.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess } from '../test/bot/support/bot-process.js';
import { DirectLineClient } from '../test/bot/support/directline-client.js';

const CONVERSATIONS = 50;
const TURNS = 40;

/** 40 turns of a 2021-format department interview: start, contact, t2 by blocks, into t3. */
const script = (i: number) => [
  '你好', `某市第${i}局`, '2024', '部门', '某路1号', '264200', '0631-1234567',
  '有数字要填', '1', '0', '十二', '2', '0', '20', '有', '3', '有', '4', '5', '有', '0.5',
  '收到了', '以上各类都有', '6', '1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '0', '5', '1', '0', '0', '进度',
].slice(0, TURNS);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export async function bench(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-bot-'));
  const bot = new BotProcess(join(dir, 'data'));
  try {
    const url = await bot.ready();
    const first = await DirectLineClient.start(url);
    const answered = (await first.send('你好')).length > 0;
    const coldStart = performance.now() - bot.started;
    if (!answered) throw new Error('no answer to the first message');

    /** Every conversation answers as soon as it is asked (`thinkMs` 0), or after a pause like a person's. */
    const run = async (offset: number, thinkMs: number) => {
      const clients = await Promise.all(Array.from({ length: CONVERSATIONS }, () => DirectLineClient.start(url)));
      const latencies: number[] = [];
      const t0 = performance.now();
      await Promise.all(clients.map(async (c, i) => {
        for (const text of script(offset + i)) {
          if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
          const s = performance.now();
          const replies = await c.send(text);
          latencies.push(performance.now() - s);
          if (replies.length === 0) throw new Error(`conversation ${i} got no answer to a turn`);
        }
      }));
      return { latencies, wall: performance.now() - t0 };
    };
    const { latencies, wall } = await run(0, 0);
    const paced = await run(CONVERSATIONS, 500);
    const rss = peakRssMb(bot.child.pid!);
    return {
      '冷启动到首个回答（目标 ≤ 2 s）': `${(coldStart / 1000).toFixed(2)} s`,
      '并发会话 × 轮次': `${CONVERSATIONS} × ${TURNS}（Direct Line，回环地址，嵌入式 SQLite 持久存储）`,
      '每轮延迟 p50': ms(pct(latencies, 50)),
      '每轮延迟 p99（目标 ≤ 100 ms）': ms(pct(latencies, 99)),
      '每轮延迟最大': ms(Math.max(...latencies)),
      '吞吐': `${Math.round((latencies.length / wall) * 1000)} 轮/秒`,
      '每轮延迟 p50 / p99（每人答题间隔 0.25–0.75 s）': `${ms(pct(paced.latencies, 50))} / ${ms(pct(paced.latencies, 99))}`,
      '服务进程峰值 RSS（目标 ≤ 250 MB）': `${rss} MB`,
    };
  } finally {
    await bot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
