/**
 * `nianbao backup DIR -o FILE`: a consistent copy of the bot's embedded store, also while the bot runs.
 * The work is the bot store's (bot/store/backup.ts), loaded on demand: this is the one place the CLI reaches into
 * bot/ — the store's file format belongs there, and the rules core has no I/O.
 */
import { resolve } from 'node:path';
import { commandArgs, usageError } from '../args.js';
import { EXIT, type CliIo } from '../io.js';

export const HELP = `用法：nianbao backup 数据目录 -o 备份文件
  备份年报助手（对话机器人）的嵌入式数据库（数据目录中的 nianbao.sqlite）。
  机器人正在运行时由它自己写出备份（不必停机，备份包含所有已确认保存的回答）；没有运行时直接读取。
  备份写完后用 SQLite 的 quick_check 检查；不会覆盖已存在的文件。
  -o        备份文件
退出状态：0 成功；2 用法有误、数据目录或备份有问题`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, { output: { type: 'string', short: 'o' } }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, '请给出一个数据目录。', HELP);
  if (!values.output) return usageError(io, '请用 -o 给出备份文件。', HELP);
  const { backupStore } = await import('../../bot/store/backup.js');
  const { StoreError } = await import('../../bot/store/types.js');
  try {
    const r = await backupStore(resolve(io.cwd, positionals[0]!), resolve(io.cwd, values.output));
    io.stdout.write(`已备份到 ${r.file}（${(r.bytes / 1024).toFixed(0)} KB${r.byPid ? `，由正在运行的进程 ${r.byPid} 写出` : ''}）\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return EXIT.usage;
  }
}
