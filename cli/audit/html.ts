/**
 * `--report out.html`: one self-contained page for a reviewer (inline CSS, no script, nothing loaded from
 * elsewhere). Each report's section is written to a scratch file as soon as it is checked, so memory stays flat;
 * the index at the top is written last, from the summary rows, and the sections are copied after it.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Draft, Finding, Severity } from '../../shared/index.js';
import { catalogue, FORMATS, tableOf, TABLE_IDS } from '../../shared/formats/index.js';
import { draftFormat } from '../../shared/draft-format.js';
import { escapeHtml } from '../../shared/render/escape.js';
import { renderTablesHtml } from '../../shared/render/tables.js';
import { RULES } from '../../shared/rules/catalogue.js';
import { totalsLine, totalsOf, type SummaryRow } from './summary.js';

const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const AUDIT_CSS = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0; padding: 1.5em 2em 4em; color: #1a1a1a; background: #fafafa; line-height: 1.5; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 0 0 .3em; }
h3 { font-size: 1em; margin: 1.2em 0 .3em; }
code { font-family: "Noto Sans Mono CJK SC", monospace; font-size: .9em; }
.lede { color: #555; margin: 0 0 1em; }
.legend span { display: inline-block; padding: 0 .6em; margin-right: .6em; border: 1px solid #999; }
table { border-collapse: collapse; background: #fff; }
.index, .findings { width: 100%; margin: .5em 0 1em; font-size: .92em; }
.index th, .index td, .findings th, .findings td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
.index th, .findings th { background: #eef1f5; }
.findings td:nth-child(2) { width: 55%; }
.findings td:nth-child(4) { max-width: 22em; }
.index td.n, .index th.n { text-align: right; white-space: nowrap; }
.index tr.has-error td:first-child { border-left: 4px solid #c62828; }
.index tr.unreadable td { color: #8a1c1c; }
.report { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1em 1.2em; margin: 1.5em 0; }
.report .meta { color: #555; margin: 0 0 .6em; }
.badge { display: inline-block; min-width: 2.6em; text-align: center; border-radius: 3px; padding: 0 .3em; font-size: .85em; }
.badge.error, .nb-value.nb-error { background: #f8d0d0; }
.badge.warning, .nb-value.nb-warning { background: #fff0b3; }
.badge.info, .nb-value.nb-info { background: #dcebfa; }
.nb-table { border-collapse: collapse; font-size: .8em; margin: .2em 0 .8em; }
.nb-table th, .nb-table td { border: 1px solid #888; padding: 2px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
.nb-table .nb-label { text-align: left; }
.nb-table .nb-caption { background: #f3f3f3; text-align: left; }
.nb-value { min-width: 2.5em; font-variant-numeric: tabular-nums; }
.nb-value.nb-error { outline: 2px solid #c62828; outline-offset: -2px; font-weight: bold; }
.nb-value.nb-warning { outline: 2px solid #d4a000; outline-offset: -2px; }
.nb-value.nb-info { outline: 1px dashed #2a6fb0; outline-offset: -2px; }
.absent { color: #8a1c1c; }
.top { font-size: .85em; }
`.trim();

function findingsTable(findings: readonly Finding[], draft: Draft): string {
  if (!findings.length) return '<p>✓ 未发现问题。</p>';
  const format = draftFormat(draft);
  const byId = format ? catalogue(format).byId : undefined;
  const rows = findings.map((f) => {
    const shown = f.cells.slice(0, 3).map((id) => `<code title="${escapeHtml(byId?.get(id)?.label ?? '')}">${escapeHtml(id)}</code>`);
    const cells = shown.join(' ') + (f.cells.length > 3 ? ` 等 ${f.cells.length} 格` : '');
    return `<tr><td><span class="badge ${f.severity}">${SEVERITY_TEXT[f.severity]}</span></td><td>${escapeHtml(f.message)}</td>` +
      `<td><code title="${escapeHtml(RULES[f.rule]?.title ?? '')}">${escapeHtml(f.rule)}</code></td><td>${cells}</td></tr>`;
  });
  return `<table class="findings"><thead><tr><th>级别</th><th>说明</th><th>规则</th><th>单元格</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function tablesHtml(draft: Draft, findings: readonly Finding[]): string {
  const format = draftFormat(draft);
  if (!format) return '<p class="absent">报告年度没有适用的年报格式，表格未显示。</p>';
  const present = new Set(Object.keys(draft.cells).map(tableOf));
  return TABLE_IDS.map((t) => {
    const title = `<h3>${escapeHtml(FORMATS[format][t].title)}</h3>`;
    if (!present.has(t)) return `${title}<p class="absent">报告中没有这张表。</p>`;
    return `${title}\n${renderTablesHtml(draft, { findings, tables: [t], headings: false })}`;
  }).join('\n');
}

/** One report's section: heading, counts, its findings, its three tables with the failing cells marked. */
export function sectionHtml(anchor: string, row: SummaryRow, draft: Draft, findings: readonly Finding[]): string {
  const format = draftFormat(draft);
  const c = row.counts ?? { errors: 0, warnings: 0, infos: 0 };
  const meta = [
    format ? `${format} 年版格式` : '无适用格式',
    `错误 ${c.errors}`, `警告 ${c.warnings}`, `提示 ${c.infos}`,
    ...(row.previous ? [`上年报告：${escapeHtml(row.previous)}`] : []),
  ];
  return `<section class="report" id="${anchor}">
<h2>${escapeHtml(draft.agency.name || '（未写明机构）')} ${draft.year} 年度　<code>${escapeHtml(row.file)}</code></h2>
<p class="meta">${meta.join(' · ')}　<a class="top" href="#index">回到目录</a></p>
${findingsTable(findings, draft)}
${tablesHtml(draft, findings)}
</section>\n`;
}

/** The index, one row at a time (10,000 rows joined into one string would be a needless peak). */
function* indexHtml(rows: readonly SummaryRow[], anchors: ReadonlyMap<number, string>): Generator<string> {
  yield `<table class="index" id="index"><thead><tr><th class="n">#</th><th>文件</th><th>机关</th><th class="n">年度</th>` +
    `<th class="n">错误</th><th class="n">警告</th><th class="n">提示</th><th>未通过的规则</th></tr></thead><tbody>`;
  yield* rows.map((r, i) => {
    const anchor = anchors.get(i);
    const name = anchor ? `<a href="#${anchor}">${escapeHtml(r.file)}</a>` : escapeHtml(r.file);
    if (r.error !== undefined) {
      return `<tr class="unreadable"><td class="n">${i + 1}</td><td>${name}</td><td colspan="5">无法读取：${escapeHtml(r.error)}</td><td></td></tr>`;
    }
    const c = r.counts!;
    return `<tr${c.errors ? ' class="has-error"' : ''}><td class="n">${i + 1}</td><td>${name}</td><td>${escapeHtml(r.agency || '（未写明）')}</td>` +
      `<td class="n">${r.year ?? ''}</td><td class="n">${c.errors}</td><td class="n">${c.warnings}</td><td class="n">${c.infos}</td>` +
      `<td>${(r.rules ?? []).map((x) => `<code>${escapeHtml(x)}</code>`).join(' ')}</td></tr>\n`;
  });
  yield '</tbody></table>\n';
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

export class HtmlReport {
  private readonly anchors = new Map<number, string>();

  private constructor(private readonly out: string, private readonly dir: string, private readonly body: WriteStream) {}

  static async open(out: string): Promise<HtmlReport> {
    const dir = await mkdtemp(join(tmpdir(), 'nianbao-report-'));
    const body = createWriteStream(join(dir, 'sections.html'), { encoding: 'utf8' });
    return new HtmlReport(out, dir, body);
  }

  /** Writes the section of the report at position `index` of the summary rows. */
  async add(index: number, row: SummaryRow, draft: Draft, findings: readonly Finding[]): Promise<void> {
    const anchor = `r${index + 1}`;
    this.anchors.set(index, anchor);
    await write(this.body, sectionHtml(anchor, row, draft, findings));
  }

  /** The same, for a section rendered elsewhere (a worker thread) with sectionHtml(`r${index + 1}`, …). */
  async addSection(index: number, html: string): Promise<void> {
    this.anchors.set(index, `r${index + 1}`);
    await write(this.body, html);
  }

  /** Writes the page: head, index from `rows`, then the sections; removes the scratch file. */
  async close(rows: readonly SummaryRow[], generated: Date = new Date()): Promise<void> {
    this.body.end();
    await once(this.body, 'close');
    const out = createWriteStream(this.out, { encoding: 'utf8' });
    const failed = once(out, 'error').then(([e]) => { throw e; });
    const work = (async () => {
      await write(out, `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>政府信息公开工作年度报告核查结果</title>
<style>
${AUDIT_CSS}
</style>
</head>
<body>
<h1>政府信息公开工作年度报告核查结果</h1>
<p class="lede">${escapeHtml(totalsLine(totalsOf(rows)))}。生成于 ${escapeHtml(generated.toLocaleString('zh-CN', { hour12: false }))}。</p>
<p class="legend">表格中标出的单元格：<span class="nb-value nb-error">错误</span><span class="nb-value nb-warning">警告</span><span class="nb-value nb-info">提示</span>（鼠标停在单元格上可看说明）</p>
`);
      for (const chunk of indexHtml(rows, this.anchors)) await write(out, chunk);
      for await (const chunk of createReadStream(join(this.dir, 'sections.html'), { encoding: 'utf8' })) await write(out, chunk as string);
      out.end('</body>\n</html>\n');
      await once(out, 'finish');
    })();
    try {
      await Promise.race([work, failed]);
    } finally {
      await rm(this.dir, { recursive: true, force: true });
    }
  }

  /** Drops the scratch file without writing the page (on a usage error). */
  async discard(): Promise<void> {
    this.body.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
