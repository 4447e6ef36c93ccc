/** `nianbao render DRAFT.json -o FILE.docx|.html|.md` (SPEC §7): the complete report in the official layout. */
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { checkTables, summarize } from '../../shared/index.js';
import { renderReportHtml, renderReportMarkdown } from '../../shared/render/report.js';
import { commandArgs, usageError } from '../args.js';
import { EXIT, type CliIo } from '../io.js';
import { loadReport } from '../load.js';
import { formatFindings } from '../report-text.js';

export const HELP = `用法：nianbao render 草稿.json -o 文件.docx|.html|.md [--date 2025-01-20]
  把草稿排成完整的年度报告：标题、导语、六个部分（正式标题）、三张表格（正式版式，含合并单元格）、落款。
  输出格式按 -o 的扩展名：.docx（Word）、.html（网页）、.md（Markdown）。
  表格有错误时仍然输出，但在标准错误输出中列出错误，退出状态为 1。
  -o, --output  输出文件（必须）
  --date        落款日期（草稿自己的落款日期优先；两者都没有时不印日期）
退出状态：0 成功且表格无错误；1 已输出但表格有错误；2 文件无法读取或用法有误`;

const RENDERERS: Record<string, (draft: Parameters<typeof renderReportHtml>[0], date?: Date) => Promise<Uint8Array | string>> = {
  '.docx': async (d, date) => (await import('../../shared/render/docx.js')).renderReportDocx(d, date ? { date } : {}),
  '.html': async (d, date) => renderReportHtml(d, date ? { date } : {}),
  '.htm': async (d, date) => renderReportHtml(d, date ? { date } : {}),
  '.md': async (d, date) => renderReportMarkdown(d, date ? { date } : {}),
};

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, { output: { type: 'string', short: 'o' }, date: { type: 'string' } }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, `${positionals.length ? '一次只能排版一个草稿' : '请给出草稿文件'}。`, HELP);
  if (!values.output) {
    io.stderr.write(`请用 -o 给出输出文件。\n${HELP}\n`);
    return EXIT.usage;
  }
  const ext = extname(values.output).toLowerCase();
  const render = RENDERERS[ext];
  if (!render) {
    io.stderr.write(`不支持的输出格式“${ext || '（无扩展名）'}”，支持：.docx、.html、.md\n`);
    return EXIT.usage;
  }
  let date: Date | undefined;
  if (values.date !== undefined) {
    date = new Date(`${values.date}T12:00:00+08:00`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(date.getTime())) {
      io.stderr.write(`日期“${values.date}”应写成 2025-01-20 的形式。\n`);
      return EXIT.usage;
    }
  }
  const file = positionals[0]!;
  const loaded = await loadReport(resolve(io.cwd, file));
  if (!loaded.ok) {
    io.stderr.write(`${file}：${loaded.error}\n`);
    return EXIT.usage;
  }
  let out: Uint8Array | string;
  try {
    out = await render(loaded.draft, date);
  } catch (e) {
    io.stderr.write(`${file}：无法排版：${(e as Error).message}\n`);
    return EXIT.usage;
  }
  await writeFile(resolve(io.cwd, values.output), out);
  if (!loaded.draft.signature?.date && !date) io.stderr.write('草稿没有落款日期，报告末尾没有印日期；可用 --date 2025-01-20 指定。\n');
  const findings = checkTables(loaded.draft);
  const summary = summarize(findings);
  if (summary.errors > 0) {
    io.stderr.write(`已写出 ${values.output}，但表格有 ${summary.errors} 处错误，请改正后再报送：\n${formatFindings(file, loaded.draft, findings.filter((f) => f.severity === 'error'))}\n`);
    return EXIT.findings;
  }
  io.stderr.write(`已写出 ${values.output}\n`);
  return EXIT.ok;
}
