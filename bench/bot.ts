/**
 * The bot server over its local Direct Line on loopback, the durable embedded store underneath (a child process, as
 * `npm run bot` runs it): cold start to the first answer, then 50 concurrent conversations × 40 turns — turn
 * latency (POST the answer, which returns once the turn is stored and answered, then GET the replies by watermark)
 * and the server's peak RSS. Three runs of 50 new conversations each: two answer every question at once (a load
 * test: latency there is mostly queueing behind the other 49), the third pauses 0.25–0.75 s before each answer, as
 * people do.
 *
 * The first of the two at once starts the moment the server does, while V8 is still compiling the server's code: on
 * this 2-core machine its compiler threads then spend about a second of CPU in the run's 2–3 s, beside the server
 * and this load generator (measured per thread below). It is reported as the cold figure; the second, on a server
 * whose code is compiled — what any server that has been up for a minute runs — is the figure for the load targets.
 *
 * The clients speak Direct Line over node:http with kept-alive connections rather than fetch: the load generator
 * shares the machine with the server, and fetch cost it twice the server's CPU per turn.
 *
 * The machine may be shared, so wall-clock figures alone mislead: each run also reports the CPU seconds the server
 * process spent (utime + stime from /proc, the same as its process.cpuUsage()), the CPU time this client spent, and
 * the load average when it started. Compare CPU ms per turn between versions; latencies only under similar load.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll } from '../scripts/build.js';
import { BotProcess } from '../test/bot/support/bot-process.js';

const CONVERSATIONS = 50;
const TURNS = 40;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** 40 turns of a 2021-format department interview: start, contact, t2 by blocks, into t3. */
const script = (i: number) => [
  // the name ends in 局: the level is read from it, not asked
  '你好', `某市第${i}局`, '2024', '某路1号', '264200', '0631-1234567',
  '有数字要填', '1', '0', '十二', '2', '0', '20', '有', '3', '有', '4', '5', '有', '0.5',
  '收到了', '以上各类都有', '6', '1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '0', '5', '1', '0', '0', '0', '进度',
].slice(0, TURNS);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** CPU seconds of a process's own thread (the event loop) and of all its other threads (V8's compiler and GC, libuv). */
function threadCpuSeconds(pid: number): { main: number; others: number } {
  let main = 0, others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const s = (Number(f[11]) + Number(f[12])) / TICKS;
    if (Number(tid) === pid) main += s;
    else others += s;
  }
  return { main, others };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  return (Number(f[11]) + Number(f[12])) / TICKS; // utime, stime
}

/**
 * One kept-alive connection per conversation, as each person's browser holds its own: its requests follow one
 * another, so it is never idle longer than the think time (a shared pool left sockets idle past the server's
 * keep-alive timeout and now and then sent a request on one the server was closing: ECONNRESET).
 */
function call(agent: Agent, url: string, method: string, token?: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method, agent,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** One Direct Line conversation, as webchat holds it with polling: post the answer, then get what came after. */
class Conversation {
  private watermark = '';
  private constructor(private readonly agent: Agent, private readonly base: string, private readonly token: string, private readonly id: string) {}

  static async start(serverUrl: string): Promise<Conversation> {
    const base = `${serverUrl.replace(/\/$/, '')}/v3/directline`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const g = (await call(agent, `${base}/tokens/generate`, 'POST')).json as { token: string; conversationId: string };
    const r = await call(agent, `${base}/conversations`, 'POST', g.token);
    if (r.status !== 201) throw new Error(`start conversation: ${r.status}`);
    const c = new Conversation(agent, base, g.token, g.conversationId);
    await c.poll(); // the welcome
    return c;
  }

  private async poll(): Promise<{ from: { id: string } }[]> {
    const r = await call(this.agent, `${this.base}/conversations/${this.id}/activities?watermark=${encodeURIComponent(this.watermark)}`, 'GET', this.token);
    if (r.status !== 200) throw new Error(`poll: ${r.status}`);
    const body = r.json as { activities: { from: { id: string } }[]; watermark: string };
    this.watermark = body.watermark;
    return body.activities;
  }

  /** Posts one answer; returns the bot's replies to it. */
  async send(text: string): Promise<unknown[]> {
    const r = await call(this.agent, `${this.base}/conversations/${this.id}/activities`, 'POST', this.token, { type: 'message', from: { id: 'clerk' }, locale: 'zh-CN', text });
    if (r.status !== 200) throw new Error(`post: ${r.status}`);
    return (await this.poll()).filter((a) => a.from.id === 'nianbao');
  }

  close(): void {
    this.agent.destroy();
  }
}

const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export async function bench(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-bot-'));
  // the built server, as `npm run bot` runs it (not the sources through tsx: its cold start is the one measured)
  await buildAll();
  const loadAtStart = load();
  const bot = new BotProcess(join(dir, 'data'), {}, { built: true });
  try {
    const url = await bot.ready();
    const first = await Conversation.start(url);
    const answered = (await first.send('你好')).length > 0;
    const coldStart = performance.now() - bot.started;
    if (!answered) throw new Error('no answer to the first message');
    first.close();
    const pid = bot.child.pid!;

    /** Every conversation answers as soon as it is asked (`thinkMs` 0), or after a pause like a person's. */
    const run = async (offset: number, thinkMs: number) => {
      const clients = await Promise.all(Array.from({ length: CONVERSATIONS }, () => Conversation.start(url)));
      const latencies: number[] = [];
      // A probe of /healthz every 20 ms on its own connection: it answers at once unless the server's event loop
      // is held (a synchronous fsync or checkpoint), so its tail is the loop's stalls (plus this machine's noise).
      const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
      const probes: number[] = [];
      let probing = true;
      const probe = (async () => {
        while (probing) {
          const s = performance.now();
          await new Promise<void>((resolve, reject) => request(`${url}healthz`, { agent: probeAgent }, (res) => res.resume().on('end', resolve)).on('error', reject).end());
          probes.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const loadBefore = load();
      const server0 = cpuSeconds(pid), client0 = ownCpu(), threads0 = threadCpuSeconds(pid);
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
      const wall = performance.now() - t0;
      probing = false;
      await probe;
      probeAgent.destroy();
      const server = cpuSeconds(pid) - server0, client = ownCpu() - client0, threads1 = threadCpuSeconds(pid);
      const threads = { main: threads1.main - threads0.main, others: threads1.others - threads0.others };
      clients.forEach((c) => c.close());
      return { latencies, wall, server, client, loadBefore, probes, threads };
    };
    const cold = await run(0, 0);
    const fast = await run(CONVERSATIONS, 0);
    const paced = await run(2 * CONVERSATIONS, 500);
    const rss = peakRssMb(pid);
    const n = CONVERSATIONS * TURNS;
    const cpu = (r: typeof fast) =>
      `服务 ${r.server.toFixed(2)} s（每轮 ${((r.server / n) * 1000).toFixed(2)} ms；事件循环线程 ${r.threads.main.toFixed(2)} s，其余线程 ${r.threads.others.toFixed(2)} s），客户端 ${r.client.toFixed(2)} s，墙钟 ${(r.wall / 1000).toFixed(2)} s`;
    return {
      '负载（1/5/15 分钟，开始时）': loadAtStart,
      '冷启动到首个回答（目标 ≤ 1 s）': `${(coldStart / 1000).toFixed(2)} s`,
      '并发会话 × 轮次': `${CONVERSATIONS} × ${TURNS}（Direct Line，回环地址，嵌入式 SQLite 持久存储）`,
      '冷（服务刚启动，V8 仍在编译）不停顿：每轮延迟 p50 / p99 / 最大': `${ms(pct(cold.latencies, 50))} / ${ms(pct(cold.latencies, 99))} / ${ms(Math.max(...cold.latencies))}`,
      '冷 不停顿：CPU': cpu(cold),
      '冷 不停顿：开始时负载': cold.loadBefore,
      '不停顿：每轮延迟 p50（目标 ≤ 10 ms）': ms(pct(fast.latencies, 50)),
      '不停顿：每轮延迟 p99（目标 ≤ 50 ms；议题 8：≤ 100 ms）': ms(pct(fast.latencies, 99)),
      '不停顿：每轮延迟最大': ms(Math.max(...fast.latencies)),
      '不停顿：吞吐': `${Math.round((n / fast.wall) * 1000)} 轮/秒`,
      '不停顿：CPU': cpu(fast),
      '不停顿：开始时负载': fast.loadBefore,
      '不停顿：/healthz 探测 p99 / 最大（事件循环停顿）': `${ms(pct(fast.probes, 99))} / ${ms(Math.max(...fast.probes))}`,
      '停顿 0.25–0.75 s：每轮延迟 p50 / p99': `${ms(pct(paced.latencies, 50))} / ${ms(pct(paced.latencies, 99))}`,
      '停顿 0.25–0.75 s：CPU': cpu(paced),
      '停顿 0.25–0.75 s：/healthz 探测 p99 / 最大': `${ms(pct(paced.probes, 99))} / ${ms(Math.max(...paced.probes))}`,
      '服务进程峰值 RSS（目标 ≤ 200 MB）': `${rss} MB`,
    };
  } finally {
    await bot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
