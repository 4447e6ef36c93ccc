/** A worker thread of the batch audit (cli/audit/pool.ts): runs the tasks it is sent, answers each by its id. */
import { parentPort, workerData } from 'node:worker_threads';
import { taskRunner, type Task, type TaskContext } from './tasks.js';

const run = taskRunner(workerData as TaskContext);
// Tasks are started as they arrive (the pool keeps a few in flight per worker): while one is being checked, the
// next one's file is already being read.
parentPort!.on('message', (m: { id: number; task: Task }) => {
  run(m.task).then(
    (result) => parentPort!.postMessage({ id: m.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, result: { ok: false, error: `读取时出错：${(e as Error).message}` } }),
  );
});
