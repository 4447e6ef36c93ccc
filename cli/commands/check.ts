/** `nianbao check FILE… [--previous FILE] [--year YEAR] [--json]` (SPEC §7). */
import { resolve } from 'node:path';
import type { Draft, Finding } from '../../shared/index.js';
import { checkDraft, mergeFindings } from '../../shared/check.js';
import { draftFormat } from '../../shared/draft-format.js';
import { summarize } from '../../shared/rules/catalogue.js';
import { commandArgs, usageError, yearArg } from '../args.js';
import { EXIT, type CliIo } from '../io.js';
import { loadReport, type Loaded } from '../load.js';
import { formatFindings } from '../report-text.js';
import { audit } from '../audit/run.js';
import { stat } from 'node:fs/promises';

export const HELP = `用法：nianbao check 文件或目录… [--previous 上年文件] [--year 年度] [--json] [--report 核查报告.html] [--summary] [--jobs N] [--max-size MB]
  检查年报草稿（.json）、已发布的年报（.txt .md .html .docx .doc .pdf）或工作簿（.xlsx）的表格与正文。
  目录会逐级查找其中的年报；多个文件时，同一机关相邻年度的报告自动配对，核对上年结转等衔接关系。
  --previous  上年度的报告或草稿，用于核对上年结转等衔接关系（给出后不再自动配对）
  --report    另写一个网页核查报告：每份年报的问题和三张表格，标出有问题的单元格
  --summary   只输出汇总表，不逐条列出问题
  --year      文件未写明年度时，按此年度检查
  --json      每个文件输出一行 JSON（NDJSON）
  --jobs      批量核查时同时读取和检查的线程数（默认每个 CPU 核一个）
  --max-size  单个文件的大小上限，单位 MB（默认 50）；只读取普通文件，设备、管道等一律不读
退出状态：0 无错误；1 至少一个错误；2 文件无法读取或用法有误`;

export interface CheckedReport {
  readonly file: string;
  readonly draft: Draft;
  readonly findings: readonly Finding[];
}

/** Every check the core has for one loaded report. */
export function checkLoaded(loaded: Extract<Loaded, { ok: true }>, previous?: Draft): CheckedReport {
  const options = { ...(previous ? { previous } : {}), ...(loaded.computed ? { computed: loaded.computed } : {}) };
  const findings = mergeFindings(loaded.findings, checkDraft(loaded.draft, options));
  return { file: loaded.file, draft: loaded.draft, findings };
}

export function jsonLine(r: CheckedReport): string {
  return JSON.stringify({
    file: r.file,
    year: r.draft.year,
    format: draftFormat(r.draft) ?? null,
    agency: r.draft.agency.name,
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, cells: f.cells, expected: f.expected ?? null, actual: f.actual ?? null })),
    summary: summarize(r.findings),
  }) + '\n';
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, {
    previous: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' },
    report: { type: 'string' }, summary: { type: 'boolean' }, 'max-size': { type: 'string' }, jobs: { type: 'string' },
  }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError(io, '请给出要检查的文件。', HELP);
  const yearOption = yearArg(values.year, io);
  if (!yearOption) return EXIT.usage;
  const { year } = yearOption;
  let maxBytes: number | undefined;
  if (values['max-size'] !== undefined) {
    const m = Number(values['max-size']);
    if (!(m > 0) || !Number.isFinite(m)) return usageError(io, `--max-size 应为正数（单位 MB），而不是“${values['max-size']}”。`, HELP);
    maxBytes = Math.floor(m * 1024 * 1024);
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) return usageError(io, `--jobs 应为正整数，而不是“${values.jobs}”。`, HELP);
  }
  const options = { ...(year === undefined ? {} : { year }), ...(maxBytes === undefined ? {} : { maxBytes }) };
  let previous: Draft | undefined;
  if (values.previous) {
    const p = await loadReport(resolve(io.cwd, values.previous), maxBytes === undefined ? {} : { maxBytes });
    if (!p.ok) {
      io.stderr.write(`上年文件 ${values.previous}：${p.error}\n`);
      return EXIT.usage;
    }
    previous = p.draft;
  }
  const isDirectory = (p: string) => stat(resolve(io.cwd, p)).then((s) => s.isDirectory(), () => false);
  if (positionals.length > 1 || values.report || values.summary || (await isDirectory(positionals[0]!))) {
    return audit(positionals, {
      json: !!values.json, summaryOnly: !!values.summary, load: options, ...(jobs ? { jobs } : {}),
      ...(values.report ? { report: resolve(io.cwd, values.report) } : {}), ...(previous ? { previous } : {}),
    }, io);
  }
  let status: number = EXIT.ok;
  for (const file of positionals) {
    const loaded = await loadReport(resolve(io.cwd, file), options);
    if (!loaded.ok) {
      io.stderr.write(`${file}：${loaded.error}\n`);
      status = EXIT.usage;
      continue;
    }
    const report = checkLoaded({ ...loaded, file }, previous);
    io.stdout.write(values.json ? jsonLine(report) : formatFindings(file, report.draft, report.findings));
    if (summarize(report.findings).errors > 0 && status === EXIT.ok) status = EXIT.findings;
  }
  return status;
}
