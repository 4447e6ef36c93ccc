/**
 * The batch form of `nianbao check`: many files or directories, one file in memory at a time.
 *
 * Cross-year pairing (without `--previous`): a first pass reads every file once and keeps only its agency and
 * year (YearIndex, a few dozen bytes a file); the second pass checks the files in the order given and, for a
 * file whose agency has a report of the year before in the batch, reads that one again as `previous`. Reading a
 * file twice costs time, not memory; it keeps the output in the order given and streams it file by file.
 */
import { once, type EventEmitter } from 'node:events';
import type { Draft } from '../../shared/index.js';
import { EXIT, type CliIo } from '../io.js';
import { supportedExtensions, type LoadOptions } from '../load.js';
import { collectInputs, type InputFile } from './files.js';
import { HtmlReport } from './html.js';
import { YearIndex } from './pairing.js';
import { defaultJobs, openPool, ordered, type Pool } from './pool.js';
import { progressBar } from './progress.js';
import { summaryTable, type SummaryRow } from './summary.js';
import type { Task } from './tasks.js';

export interface AuditOptions {
  readonly json?: boolean;
  /** Path of the HTML report to write. */
  readonly report?: string;
  /** Only the summary table, not each file's findings (human output). */
  readonly summaryOnly?: boolean;
  /** `--previous`: last year's report for every file; turns the automatic pairing off. */
  readonly previous?: Draft;
  readonly load?: LoadOptions;
  /** `--jobs`: threads that read and check files (default: one per core). */
  readonly jobs?: number;
}

async function buildIndex(files: readonly InputFile[], io: CliIo, pool: Pool): Promise<YearIndex> {
  const index = new YearIndex();
  const bar = progressBar(io.stderr, '配对', files.length);
  let i = 0;
  for await (const r of ordered(pool, files.map((f): Task => ({ kind: 'index', path: f.path })))) {
    const f = files[i]!;
    bar.update(++i, f.name);
    if (r.ok && r.kind === 'index') index.add({ file: f.path, agency: r.agency, year: r.year });
  }
  bar.done();
  return index;
}

/**
 * Exit status: 2 if any file could not be read (the audit is incomplete, whatever the others hold), else 1 if
 * any report has an error, else 0.
 */
export async function audit(paths: readonly string[], options: AuditOptions, io: CliIo): Promise<number> {
  const load = options.load ?? {};
  const inputs = await collectInputs(paths, io.cwd, supportedExtensions());
  const { files } = inputs;
  const batch = files.length > 1 || inputs.hadDirectory;
  const nameOf = new Map(files.map((f) => [f.path, f.name]));
  const output = options.json ? 'json' : options.summaryOnly ? 'none' : 'text';
  const context = { load, output, html: !!options.report, ...(options.previous ? { previous: options.previous } : {}) } as const;
  const pool = openPool(context, options.jobs ?? defaultJobs(), files.length);
  try {
    const index = !options.previous && files.length > 1 ? await buildIndex(files, io, pool) : undefined;
    const html = options.report ? await HtmlReport.open(options.report) : undefined;
    const rows: SummaryRow[] = [];
    let unreadable = 0, withErrors = 0;
    const bar = progressBar(io.stderr, '检查', files.length);
    /** Writes to stdout and waits for a slow reader (a pipe buffers without limit otherwise: memory would grow). */
    const out = async (s: string) => {
      if (io.stdout.isTTY) bar.clear();
      const stream = io.stdout as unknown as Partial<EventEmitter>;
      if (io.stdout.write(s) === false && typeof stream.once === 'function') await once(stream as EventEmitter, 'drain');
    };
    /** Tasks are made as the pool asks for them (a generator): the pairing is looked up file by file. */
    function* tasks(): Generator<Task> {
      for (let i = 0; i < files.length; i++) {
        const f = files[i]!;
        const previousPath = options.previous ? undefined : index?.previousOfFile(f.path);
        yield {
          kind: 'check', path: f.path, name: f.name, index: i,
          ...(previousPath ? { previousPath, previousName: nameOf.get(previousPath) ?? previousPath } : {}),
        };
      }
    }
    let i = 0;
    for await (const r of ordered(pool, tasks())) {
      const f = files[i]!;
      bar.update(++i, f.name);
      if (!r.ok) {
        unreadable++;
        rows.push({ file: f.name, error: r.error });
        bar.note(`${f.name}：${r.error}`);
        continue;
      }
      if (r.kind !== 'check') continue;
      if (r.errors) withErrors++;
      rows.push(r.row);
      if (r.out !== undefined) await out(r.out);
      if (html && r.html !== undefined) await html.addSection(i - 1, r.html);
    }
    bar.done();
    if (!options.json && (batch || options.summaryOnly)) await out(`\n${summaryTable(rows, io.stdout.columns ?? 120)}`);
    if (inputs.skipped) io.stderr.write(`已跳过 ${inputs.skipped} 个无法识别类型的文件（支持：${supportedExtensions().join('、')}）\n`);
    if (html) {
      await html.close(rows);
      io.stderr.write(`核查报告已写入 ${options.report}\n`);
    }
    if (files.length === 0) {
      io.stderr.write('没有找到可检查的文件。\n');
      return EXIT.usage;
    }
    return unreadable ? EXIT.usage : withErrors ? EXIT.findings : EXIT.ok;
  } finally {
    await pool.close();
  }
}
