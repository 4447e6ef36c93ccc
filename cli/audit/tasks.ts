/**
 * One file's work in a batch, the same in the main thread and in a worker: read it (regular files only, capped),
 * load it, and either note its agency and year (the pairing pass) or check it against last year's report.
 * Inputs and results are plain data, so they cross to and from a worker thread by structured clone.
 */
import type { Draft } from '../../shared/index.js';
import { loadReport, type Loaded, type LoadOptions } from '../load.js';
import { checkLoaded, type CheckedReport } from '../commands/check.js';

export type Task =
  | { readonly kind: 'index'; readonly path: string }
  | { readonly kind: 'check'; readonly path: string; readonly name: string; readonly previousPath?: string };

export type TaskResult =
  | { readonly ok: false; readonly error: string }
  | { readonly ok: true; readonly kind: 'index'; readonly agency: string; readonly year: number }
  | { readonly ok: true; readonly kind: 'check'; readonly report: CheckedReport; readonly previousUsed: boolean };

/** What every task of one batch shares (given once to each worker). */
export interface TaskContext {
  readonly load: LoadOptions;
  /** `--previous`: last year's report for every file. */
  readonly previous?: Draft;
}

/** A small cache of last years' drafts, so a pair met in order is not read a third time. */
class DraftCache {
  private readonly map = new Map<string, Draft | undefined>();
  constructor(private readonly size = 4) {}
  async get(path: string, options: LoadOptions): Promise<Draft | undefined> {
    if (this.map.has(path)) return this.map.get(path);
    const l = await loadReport(path, options);
    this.put(path, l.ok ? l.draft : undefined);
    return l.ok ? l.draft : undefined;
  }
  put(path: string, d: Draft | undefined): void {
    this.map.set(path, d);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

export function taskRunner(context: TaskContext): (task: Task) => Promise<TaskResult> {
  const cache = new DraftCache();
  return async (task) => {
    const loaded: Loaded = await loadReport(task.path, context.load);
    if (!loaded.ok) return { ok: false, error: loaded.error };
    if (task.kind === 'index') return { ok: true, kind: 'index', agency: loaded.draft.agency.name, year: loaded.draft.year };
    cache.put(task.path, loaded.draft);
    const previous = context.previous ?? (task.previousPath ? await cache.get(task.previousPath, context.load) : undefined);
    return { ok: true, kind: 'check', report: checkLoaded({ ...loaded, file: task.name }, previous), previousUsed: !!previous };
  };
}
