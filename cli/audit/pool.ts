/**
 * Runs a batch's tasks in order-preserving fashion: a bounded number in flight (so files are read ahead while
 * others are checked, and memory stays flat), results handed back in the order the tasks were given.
 *
 * With `jobs` > 1 the tasks go to that many worker threads (node:worker_threads), each holding a few in flight;
 * with 1 they run in this thread, still with read-ahead. Each thread starts at worker.ts (dist/audit-worker.js when
 * built: shared/thread-entry.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { threadEntry } from '../../shared/thread-entry.js';
import { taskRunner, type Task, type TaskContext, type TaskResult } from './tasks.js';

/** Tasks in flight per thread: enough to hide a file's open/stat/read behind the previous file's checks. */
const PER_THREAD = 4;
/** Below this many files a worker's start-up (tens of ms) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

export function defaultJobs(): number {
  return availableParallelism();
}

export interface Pool {
  run(task: Task): Promise<TaskResult>;
  readonly window: number;
  close(): Promise<void>;
}

/** A file's thread by its path (FNV-1a). */
function threadOf(path: string, jobs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0) % jobs;
}

function inThread(context: TaskContext): Pool {
  const run = taskRunner(context);
  return { run, window: PER_THREAD * 2, close: async () => {} };
}

function workers(context: TaskContext, jobs: number): Pool {
  const entry = threadEntry('audit-worker', new URL('./worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (r: TaskResult) => void; thread: number }>();
  const load = new Array<number>(jobs).fill(0);
  const alive = new Array<boolean>(jobs).fill(true);
  let nextId = 0;
  const threads = Array.from({ length: jobs }, (_, k) => {
    // execArgv: [] so that the parent's flags (-e, --cpu-prof, …) are not inherited by each thread.
    // A small young generation: each thread's garbage is short-lived (one report at a time), and two threads with
    // V8's default nursery kept the batch's peak RSS at 280–310 MB; with 8 MB it is 230–250 MB at the same speed.
    const w = new Worker(entry.script, { argv: [...entry.argv], workerData: context, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    w.on('message', (m: { id: number; result: TaskResult }) => {
      load[k]!--;
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve(m.result);
    });
    // A worker that dies fails what it held (the batch reports those files as unreadable and goes on); one that
    // is gone gets no more tasks.
    const fail = (why: string) => {
      alive[k] = false;
      for (const [id, p] of pending) {
        if (p.thread !== k) continue;
        pending.delete(id);
        p.resolve({ ok: false, error: `检查线程出错：${why}` });
      }
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => fail(`线程已退出（${code}）`));
    return w;
  });
  return {
    window: PER_THREAD * jobs,
    run(task) {
      let k = alive.indexOf(true);
      if (k < 0) return Promise.resolve({ ok: false, error: '检查线程均已退出' });
      for (let j = k + 1; j < jobs; j++) if (alive[j] && load[j]! < load[k]!) k = j;
      // A file goes to the same thread both times the batch asks for it (pairing, then checking) unless that
      // thread is behind: a thread keeps what it read (texts of PDFs, .doc files and web pages: read-memo.ts;
      // last year's drafts).
      const own = threadOf(task.path, jobs);
      if (alive[own] && load[own]! <= load[k]! + 1) k = own;
      load[k]!++;
      const id = nextId++;
      return new Promise<TaskResult>((resolve) => {
        pending.set(id, { resolve, thread: k });
        threads[k]!.postMessage({ id, task });
      });
    },
    close: async () => {
      alive.fill(false);
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}

export function openPool(context: TaskContext, jobs: number, files: number): Pool {
  const n = Math.max(1, Math.min(jobs, 64));
  return n > 1 && files >= MIN_FILES_FOR_WORKERS ? workers(context, n) : inThread(context);
}

/** The results of `tasks` in their order, at most `pool.window` of them in flight. */
export async function* ordered(pool: Pool, tasks: Iterable<Task>): AsyncGenerator<TaskResult> {
  const queue: Promise<TaskResult>[] = [];
  const it = tasks[Symbol.iterator]();
  let exhausted = false;
  const fill = () => {
    while (!exhausted && queue.length < pool.window) {
      const n = it.next();
      if (n.done) exhausted = true;
      else queue.push(pool.run(n.value));
    }
  };
  fill();
  while (queue.length) {
    const r = await queue.shift()!;
    fill();
    yield r;
  }
}
