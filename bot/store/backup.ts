/**
 * Backup and restore of an embedded store (`nianbao backup DIR -o FILE`, `nianbao restore FILE DIR`).
 *
 * Backup is online: when a bot owns the directory, it is asked over the directory's lock socket to write the copy
 * itself (`VACUUM INTO`, between two group commits, so the copy holds every acknowledged answer); otherwise this
 * process takes the directory (which checks it like a start does) and writes the copy. Either way the copy is
 * written under a temporary name, fsynced, renamed into place, and checked with `quick_check` before success is
 * reported.
 *
 * Restore checks the backup first, takes the directory's lock for the whole operation (so no bot can start on it
 * half-restored, and a running one is refused), refuses a directory that already holds data unless forced — and
 * even then keeps the replaced files beside it, renamed, rather than deleting them.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { DB_FILE, inspect, MARK_FILE } from './integrity.js';
import { askOwner, DirLock } from './lock.js';
import { fsyncFile, openSqlite } from './sqlite.js';
import { StoreError } from './types.js';

const TABLES = ['drafts', 'answers', 'conversations'];

export interface BackupResult {
  file: string;
  /** The bot process that wrote the copy, when one owned the directory. */
  byPid?: number;
  bytes: number;
}

export async function backupStore(dataDir: string, out: string): Promise<BackupResult> {
  const dir = resolve(dataDir), file = resolve(out);
  if (!existsSync(join(dir, DB_FILE))) throw new StoreError(`${dir} 中没有年报助手的数据库（${DB_FILE}）`);
  if (existsSync(file)) throw new StoreError(`${file} 已存在，不会覆盖；请换一个文件名`);
  if (!existsSync(dirname(file))) throw new StoreError(`目录 ${dirname(file)} 不存在`);
  let byPid: number | undefined;
  const owner = await askOwner(dir, { op: 'backup', to: file });
  if (owner) byPid = owner.pid;
  else {
    const db = await openSqlite(dir, { waitMs: 0 });
    try {
      await db.backupTo(file);
    } finally {
      await db.close();
    }
  }
  const check = inspect(file);
  if (!check.ok || !TABLES.every((t) => check.tables.includes(t))) {
    rmSync(file, { force: true });
    throw new StoreError(`写出的备份未通过检查（${check.problem ?? '缺少数据表'}），已删除`);
  }
  return { file, bytes: statSync(file).size, ...(byPid ? { byPid } : {}) };
}

/**
 * A restored store is older than what its web chat clients have seen: their Direct Line watermarks may be past the
 * backup's last activity, and the next replies, numbered on from the backup, would be hidden from them. Numbers
 * continue a long gap further, past anything a client can have seen since (transcripts keep far fewer).
 */
export const RESTORE_TRANSCRIPT_GAP = 1_000_000;

function skipTranscriptNumbers(file: string): void {
  const db = new sqlite.Database(file);
  try {
    const has = db.get("SELECT 1 AS y FROM sqlite_master WHERE type = 'table' AND name = 'dl_conversations'");
    if (has) db.run('UPDATE dl_conversations SET last_seq = last_seq + ?', [RESTORE_TRANSCRIPT_GAP]);
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  dataDir: string;
  commits: number;
  /** Files of the replaced store, kept under new names (with force). */
  keptAside: string[];
}

export async function restoreStore(backup: string, dataDir: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const from = resolve(backup), dir = resolve(dataDir);
  if (!existsSync(from)) throw new StoreError(`备份文件 ${from} 不存在`);
  const check = inspect(from);
  if (!check.ok) throw new StoreError(`备份文件 ${from} 不能用：${check.problem}`);
  if (!TABLES.every((t) => check.tables.includes(t))) throw new StoreError(`${from} 不是年报助手的数据库备份（缺少数据表）`);
  mkdirSync(dir, { recursive: true });
  const lock = await DirLock.acquire(dir, 0).catch((e: unknown) => {
    throw e instanceof StoreError ? new StoreError(`${e.message}：请先停止它再恢复`) : e;
  });
  try {
    const target = join(dir, DB_FILE);
    const present = [target, `${target}-wal`].filter((f) => existsSync(f) && statSync(f).size > 0);
    if (present.length && !options.force) {
      throw new StoreError(`数据目录 ${dir} 中已有数据（${present.map((f) => basename(f)).join('、')}），不会覆盖；确需用备份替换时加 --force（原文件会改名保留）`);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const keptAside: string[] = [];
    for (const f of [target, `${target}-wal`, join(dir, MARK_FILE)]) {
      if (!existsSync(f)) continue;
      const aside = `${f}.replaced-${stamp}`;
      renameSync(f, aside);
      keptAside.push(aside);
    }
    const tmp = `${target}.restoring`;
    copyFileSync(from, tmp);
    skipTranscriptNumbers(tmp);
    await fsyncFile(tmp);
    renameSync(tmp, target);
    // The directory now holds what the backup held: that many commits were acknowledged.
    writeFileSync(join(dir, MARK_FILE), `${String(check.commits).padStart(20, '0')}\n`);
    await fsyncFile(dir);
    return { dataDir: dir, commits: check.commits, keptAside };
  } finally {
    await lock.release();
  }
}
