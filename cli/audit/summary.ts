/** The per-file summary table of a batch check, in Chinese, for a terminal or a log. */
import type { FindingSummary, RuleId, Severity } from '../../shared/index.js';
import { fit, fitTail } from './width.js';

export interface SummaryRow {
  readonly file: string;
  readonly agency?: string;
  readonly year?: number;
  readonly counts?: FindingSummary;
  /** Rule ids of the findings, most severe first, each once. */
  readonly rules?: readonly RuleId[];
  /** The file paired as last year's report (carry.* checked against it). */
  readonly previous?: string;
  /** Why the file could not be read. */
  readonly error?: string;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Distinct rule ids, errors first, then warnings, then infos, in order of first appearance. */
export function failingRules(findings: readonly { rule: RuleId; severity: Severity }[]): RuleId[] {
  const first = new Map<RuleId, Severity>();
  for (const f of findings) if (!first.has(f.rule)) first.set(f.rule, f.severity);
  return [...first].sort((a, b) => RANK[a[1]] - RANK[b[1]]).map(([r]) => r);
}

export interface Totals {
  files: number;
  withErrors: number;
  unreadable: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function totalsOf(rows: readonly SummaryRow[]): Totals {
  const t: Totals = { files: rows.length, withErrors: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0 };
  for (const r of rows) {
    if (r.error !== undefined) t.unreadable++;
    if (!r.counts) continue;
    if (r.counts.errors) t.withErrors++;
    t.errors += r.counts.errors;
    t.warnings += r.counts.warnings;
    t.infos += r.counts.infos;
  }
  return t;
}

export function totalsLine(t: Totals): string {
  return `共检查 ${t.files} 个文件：${t.withErrors} 个有错误${t.unreadable ? `，${t.unreadable} 个无法读取` : ''}；` +
    `合计 ${t.errors} 个错误、${t.warnings} 个警告、${t.infos} 条提示`;
}

/** The table: 文件 · 机关 · 年度 · 错误 · 警告 · 提示 · 未通过的规则, fitted to `columns` terminal columns. */
export function summaryTable(rows: readonly SummaryRow[], columns = 120): string {
  const w = { file: 30, agency: 22, year: 4, n: 4 };
  const fixed = w.file + w.agency + w.year + 3 * w.n + 6 * 2;
  const rest = Math.max(24, columns - 1 - fixed);
  const line = (cells: string[]) => cells.join('  ').trimEnd();
  const out = [
    line([fit('文件', w.file), fit('机关', w.agency), fit('年度', w.year), fit('错误', w.n), fit('警告', w.n), fit('提示', w.n), '未通过的规则']),
    '─'.repeat(Math.min(columns - 1, fixed + rest)),
  ];
  for (const r of rows) {
    const counts = r.counts;
    const detail = r.error !== undefined
      ? `无法读取：${r.error.replace(/\s*\n\s*/g, ' ')}`
      : `${(r.rules ?? []).join(' ') || '✓'}${r.previous ? `（上年：${r.previous}）` : ''}`;
    out.push(line([
      fitTail(r.file, w.file), fit(r.agency || (r.error !== undefined ? '' : '（未写明）'), w.agency),
      fit(r.year === undefined ? '' : String(r.year), w.year),
      fit(counts ? String(counts.errors) : '-', w.n, 'right'), fit(counts ? String(counts.warnings) : '-', w.n, 'right'),
      fit(counts ? String(counts.infos) : '-', w.n, 'right'), fit(detail, rest).trimEnd(),
    ]));
  }
  out.push(totalsLine(totalsOf(rows)));
  return out.join('\n') + '\n';
}
