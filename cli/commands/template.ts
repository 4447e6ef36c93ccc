/** `nianbao template --year YEAR [--agency NAME] [--from DRAFT.json] -o FILE.xlsx` (SPEC §7). */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { draftFormat, formatIdForYear, type Draft } from '../../shared/index.js';
import { prefillFromPrevious } from '../../shared/layout/carry.js';
import { commandArgs, usageError, yearArg } from '../args.js';
import { EXIT, type CliIo } from '../io.js';
import { loadReport } from '../load.js';
import { writeTemplate } from '../xlsx/write-template.js';

export const HELP = `用法：nianbao template --year 年度 [--agency 机关名称] [--from 草稿.json [--as-previous]] -o 文件.xlsx
  生成标准表格工作簿（表二、表三、表四），自带合计公式、数据验证和勾稽关系检查：
  合计不符时单元格变红，无需加载项，Excel、WPS、LibreOffice 均可使用。
  --year    报告年度（决定使用 2019 年版或 2021 年版格式）；有 --from 时可省略
  --agency  机关名称，写入表头
  --from    用草稿（.json）或已填写的工作簿（.xlsx）预先填好数字；草稿的年度和格式须与 --year 一致
  --as-previous  把 --from 的草稿当作上一年度的报告：只预填“上年结转”
            （2019 年版另有“上一年项目数量”）等由上年决定的单元格
  -o        输出文件（.xlsx）
退出状态：0 成功；2 用法有误、文件无法读取，或草稿与年度不符`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, {
    year: { type: 'string' }, agency: { type: 'string' }, from: { type: 'string' }, 'as-previous': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length) return usageError(io, `多余的参数：${positionals.join(' ')}`, HELP);
  if (!values.output) return usageError(io, '请用 -o 给出输出文件。', HELP);
  if (!/\.xlsx$/i.test(values.output)) return usageError(io, `输出文件应以 .xlsx 结尾，实为“${values.output}”`);
  const yearOption = yearArg(values.year, io);
  if (!yearOption) return EXIT.usage;
  let draft: Draft | undefined;
  if (values.from) {
    const loaded = await loadReport(resolve(io.cwd, values.from));
    if (!loaded.ok) return usageError(io, `${values.from}：${loaded.error}`);
    draft = loaded.draft;
  }
  // Without --year: the draft's year, or the year after it when the draft is last year's report.
  const year = yearOption.year ?? (draft ? draft.year + (values['as-previous'] ? 1 : 0) : undefined);
  if (year === undefined) return usageError(io, '请用 --year 给出报告年度。', HELP);
  const format = formatIdForYear(year);
  if (!format) {
    io.stderr.write(`报告年度 ${year} 年早于 2019 年，适用旧版年报格式，本工具不支持\n`);
    return EXIT.usage;
  }
  if (values['as-previous'] && !draft) return usageError(io, '--as-previous 需要与 --from 一起使用。', HELP);
  if (draft && values['as-previous']) {
    // Last year's report: only what it determines this year is filled in; the agency carries over.
    if (draft.year !== year - 1) return usageError(io, `--as-previous 需要 ${year - 1} 年度的报告，${values.from} 是 ${draft.year} 年度的。`);
    const cells = prefillFromPrevious(format, draft);
    io.stdout.write(`已按 ${draft.year} 年度报告预填 ${Object.keys(cells).length} 个单元格（上年结转等）\n`);
    draft = { ...draft, year, format, cells, narrative: {} };
  } else if (draft) {
    const draftFmt = draftFormat(draft);
    if (draft.year !== year || (draftFmt && draftFmt !== format)) {
      io.stderr.write(`${values.from} 是 ${draft.year} 年度（${draftFmt ?? '未知'} 年版格式）的草稿，与 ${year} 年度（${format} 年版格式）不符，未生成。\n` +
        `如要把它当作上一年度的报告预填上年结转，请加 --as-previous。\n`);
      return EXIT.usage;
    }
  }
  const result = await writeTemplate({ year, ...(values.agency !== undefined ? { agency: values.agency } : {}), ...(draft ? { draft } : {}) });
  const out = resolve(io.cwd, values.output);
  try {
    await writeFile(out, result.bytes);
  } catch (e) {
    io.stderr.write(`无法写入 ${values.output}：${(e as Error).message}\n`);
    return EXIT.usage;
  }
  io.stdout.write(`已生成 ${values.output}（${year} 年度，${format} 年版格式）\n`);
  if (result.overriddenTotals.length) {
    const labels = result.overriddenTotals.map((id) => `${id}（${result.plan.addressOf[id]}）`).join('、');
    io.stdout.write(`草稿中以下总计与各项之和不符，已按草稿原数填入（不再是公式，表中标红）：${labels}\n`);
  }
  if (result.unplaced.length) {
    io.stderr.write(`草稿中以下单元格不属于 ${format} 年版格式，未填入：${result.unplaced.slice(0, 10).join('、')}${result.unplaced.length > 10 ? ' 等' : ''}\n`);
  }
  return EXIT.ok;
}
