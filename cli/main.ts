/** `nianbao <command>`: dispatches to cli/commands/<command>.ts. */
import type { CliIo } from './io.js';
import { EXIT } from './io.js';

type Command = { run(args: string[], io: CliIo): Promise<number>; HELP: string };

/** Command name → module, loaded on demand so `nianbao check` does not pay for exceljs or docx. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: '检查草稿、已发布的年报或工作簿', load: () => import('./commands/check.js') },
  template: { summary: '生成自带检查的标准表格工作簿（.xlsx）', load: () => import('./commands/template.js') },
  import: { summary: '把已发布的年报（.txt .md .html .docx .doc .pdf）读成草稿（JSON）', load: () => import('./commands/import.js') },
  manifest: { summary: '生成部署用的 Excel 加载项清单（manifest.xml）', load: () => import('./commands/manifest.js') },
  render: { summary: '把草稿排成完整的年度报告（.docx .html .md）', load: () => import('./commands/render.js') },
  backup: { summary: '备份对话机器人的数据库（运行中也可以）', load: () => import('./commands/backup.js') },
  restore: { summary: '从备份恢复对话机器人的数据库', load: () => import('./commands/restore.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    '年报助手 nianbao：政府信息公开工作年度报告的填报与核对',
    '',
    '用法：nianbao <命令> [参数]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令加 --help 查看说明。',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('nianbao 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`未知的命令“${name}”。\n\n${usage()}\n`);
    return EXIT.usage;
  }
  try {
    return await (await command.load()).run(args, io);
  } catch (e) {
    io.stderr.write(`出错了：${(e as Error).stack ?? String(e)}\n（这是本工具的缺陷，请把以上信息反馈给维护者）\n`);
    return EXIT.usage;
  }
}
