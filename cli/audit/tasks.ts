/**
 * One file's work in a batch, the same in the main thread and in a worker: read it (regular files only, capped),
 * load it, and either note its agency and year (the pairing pass) or check it against last year's report.
 * Inputs and results are plain data, so they cross to and from a worker thread by structured clone.
 */
import type { Draft } from '../../shared/index.js';
import { summarize } from '../../shared/rules/catalogue.js';
import { loadReport, type Loaded, type LoadOptions } from '../load.js';
import { checkLoaded, jsonLine } from '../commands/check.js';
import { formatFindings } from '../report-text.js';
import { sectionHtml } from './html.js';
import { failingRules, type SummaryRow } from './summary.js';

export type Task =
  | { readonly kind: 'index'; readonly path: string }
  | {
    readonly kind: 'check'; readonly path: string; readonly name: string;
    /** Position in the batch (the HTML report's anchor). */
    readonly index: number;
    readonly previousPath?: string;
    /** How the user knows the paired file (for the summary row and the 「已与上年报告…核对」 line). */
    readonly previousName?: string;
  };

/**
 * A checked file comes back as its summary row and its output already written out (NDJSON line, text, HTML
 * section), so that the thread that writes the output does nothing per file but write: the work scales with the
 * threads, and what crosses between threads is a few strings, not the draft.
 */
export type TaskResult =
  | { readonly ok: false; readonly error: string }
  | { readonly ok: true; readonly kind: 'index'; readonly agency: string; readonly year: number }
  | { readonly ok: true; readonly kind: 'check'; readonly row: SummaryRow; readonly errors: boolean; readonly out?: string; readonly html?: string };

/** What every task of one batch shares (given once to each worker). */
export interface TaskContext {
  readonly load: LoadOptions;
  /** `--previous`: last year's report for every file. */
  readonly previous?: Draft;
  /** What each checked file prints: an NDJSON line, its findings as text, or nothing (`--summary`). */
  readonly output: 'json' | 'text' | 'none';
  /** Whether an HTML report is written (each file's section is rendered with its check). */
  readonly html: boolean;
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
    const paired = task.previousPath ? await cache.get(task.previousPath, context.load) : undefined;
    const previous = context.previous ?? paired;
    const report = checkLoaded({ ...loaded, file: task.name }, previous);
    const counts = summarize(report.findings);
    const row: SummaryRow = {
      file: task.name, agency: report.draft.agency.name, year: report.draft.year, counts, rules: failingRules(report.findings),
      ...(paired && task.previousName ? { previous: task.previousName } : {}),
    };
    const out = context.output === 'json' ? jsonLine(report)
      : context.output === 'text' ? formatFindings(task.name, report.draft, report.findings) + (row.previous ? `  （已与上年报告 ${row.previous} 核对衔接）\n` : '')
      : undefined;
    const html = context.html ? sectionHtml(`r${task.index + 1}`, row, report.draft, report.findings) : undefined;
    return { ok: true, kind: 'check', row, errors: counts.errors > 0, ...(out !== undefined ? { out } : {}), ...(html !== undefined ? { html } : {}) };
  };
}
