/** `nianbao import REPORT [-o DRAFT.json] [--json] [--year YEAR]` (SPEC §7). */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { summarize } from '../../shared/index.js';
import { commandArgs, usageError, yearArg } from '../args.js';
import { EXIT, type CliIo } from '../io.js';
import { loadReport } from '../load.js';
import { formatFindings } from '../report-text.js';

export const HELP = `用法：nianbao import 年报文件 [-o 草稿.json] [--json] [--year 年度]
  把已发布的年报（.txt .md .html .docx .doc .pdf）或工作簿（.xlsx）读成草稿（JSON）：表格数字按原样读取，正文按格式分成各部分。
  可作为今年填报的起点，或作为加载项、对话机器人的上年数据。
  无法读取的单元格不写入草稿，在标准错误输出中列出原因。
  -o, --output  草稿写入此文件（不给出时输出到标准输出）
  --json        标准输出改为 {"draft": 草稿, "findings": 读取时发现的问题}
  --year        文件未写明年度或写错时，按此年度读取
退出状态：0 读取无错误；1 读取时发现错误（如表格缺行、数字无法拆分）；2 文件无法读取或用法有误`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, year: { type: 'string' } }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, `${positionals.length ? '一次只能导入一个文件' : '请给出要导入的年报文件'}。`, HELP);
  const yearOption = yearArg(values.year, io);
  if (!yearOption) return EXIT.usage;
  const { year } = yearOption;
  const file = positionals[0]!;
  const loaded = await loadReport(resolve(io.cwd, file), year !== undefined ? { year } : {});
  if (!loaded.ok) {
    io.stderr.write(`${file}：${loaded.error}\n`);
    return EXIT.usage;
  }
  const draft = { ...loaded.draft, updatedAt: new Date().toISOString() };
  const findings = loaded.findings;
  const out = values.json ? { draft, findings } : draft;
  const json = `${JSON.stringify(out, null, 2)}\n`;
  if (values.output) {
    try {
      await writeFile(resolve(io.cwd, values.output), values.json ? `${JSON.stringify(draft, null, 2)}\n` : json);
    } catch (e) {
      io.stderr.write(`无法写入 ${values.output}：${(e as Error).message}\n`);
      return EXIT.usage;
    }
    if (values.json) io.stdout.write(json);
  } else io.stdout.write(json);
  if (!values.json || values.output) {
    if (findings.length) io.stderr.write(formatFindings(file, draft, findings));
    if (values.output) io.stderr.write(`草稿已写入 ${values.output}（${Object.keys(draft.cells).length} 个单元格，${Object.keys(draft.narrative).length} 段正文）\n`);
  }
  return summarize(findings).errors > 0 ? EXIT.findings : EXIT.ok;
}
