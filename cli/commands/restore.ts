/**
 * `nianbao restore FILE DIR [--force]`: puts a backup made by `nianbao backup` back as the bot's store.
 * Like backup, the work is bot/store/backup.ts's, loaded on demand.
 */
import { resolve } from 'node:path';
import { commandArgs, usageError } from '../args.js';
import { EXIT, type CliIo } from '../io.js';

export const HELP = `用法：nianbao restore 备份文件 数据目录 [--force]
  用 nianbao backup 生成的备份恢复年报助手的数据库。先用 SQLite 的 quick_check 检查备份；
  机器人正在使用该数据目录时拒绝（请先停止它）；目录中已有数据时拒绝，除非加 --force，
  此时原有文件改名保留（…replaced-时间），不会删除。
  --force   替换目录中已有的数据
退出状态：0 成功；2 用法有误、备份无效或目录不能恢复`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, { force: { type: 'boolean' } }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) return usageError(io, '请给出备份文件和数据目录。', HELP);
  const { restoreStore } = await import('../../bot/store/backup.js');
  const { StoreError } = await import('../../bot/store/types.js');
  try {
    const r = await restoreStore(resolve(io.cwd, positionals[0]!), resolve(io.cwd, positionals[1]!), { force: values.force === true });
    io.stdout.write(`已恢复到 ${r.dataDir}${r.keptAside.length ? `；原有文件已改名保留：${r.keptAside.join('、')}` : ''}\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return EXIT.usage;
  }
}
