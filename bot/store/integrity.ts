/**
 * A damaged store is never served as an empty one (issue 8 §4). Before the bot opens `nianbao.sqlite` for writing
 * it looks at it read-only — which changes nothing, not even a -wal log that SQLite would otherwise fold in and
 * delete on close — and refuses to start, naming the file and what to do, when
 * - SQLite's own `PRAGMA quick_check` fails (pages overwritten, not a database at all, unreadable);
 * - the database holds fewer commits than were acknowledged to clerks: the count of acknowledged commits is kept
 *   twice, in the database (table `meta`) and in `nianbao.sqlite.commits` beside it, written after each commit's
 *   fsync. A 0-byte or missing database beside a directory that had data, or a -wal log lost or cut short after
 *   a crash, all show up as the database being behind that file.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { StoreError } from './types.js';

export const DB_FILE = 'nianbao.sqlite';
export const MARK_FILE = 'nianbao.sqlite.commits';

/** The acknowledged-commit count kept outside the database: one small file rewritten in place. */
export class CommitMark {
  private fd: number | undefined;
  private recorded = 0;
  constructor(private readonly file: string) {}

  static read(dataDir: string): number {
    try {
      const n = Number(readFileSync(join(dataDir, MARK_FILE), 'utf8').trim());
      return Number.isSafeInteger(n) && n > 0 ? n : 0;
    } catch {
      return 0;
    }
  }

  /** Records `n` (never goes back). A page-cache write of 21 bytes: it survives a kill -9; after a power cut
   *  it may be older than the truth, which only makes the check more lenient, never wrong. */
  record(n: number): void {
    if (n <= this.recorded) return;
    this.recorded = n;
    this.fd ??= openSync(this.file, 'w');
    writeSync(this.fd, `${String(n).padStart(20, '0')}\n`, 0);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export function damaged(dataDir: string, why: string): StoreError {
  const file = join(dataDir, DB_FILE);
  return new StoreError([
    `数据库文件 ${file} 有问题：${why}。`,
    '年报助手没有启动，也没有改动这个文件（以免把仍可挽回的数据当作空库覆盖）。请：',
    `  1. 先把整个数据目录 ${dataDir} 原样复制一份留存；`,
    `  2. 用最近的备份恢复：nianbao restore 备份文件 ${dataDir} --force（备份用 nianbao backup 生成）；`,
    '  3. 没有备份时，把复制的目录交给维护者检查；确认不再需要其中的数据后，才可换一个空的数据目录启动。',
  ].join('\n'));
}

/** What a read-only look at a database file found. */
export interface Inspection { ok: boolean; problem?: string; commits: number; tables: string[] }

/** Opens `file` read-only (exclusive locking: WAL without shared memory, as the bot opens it) and checks it. */
export function inspect(file: string): Inspection {
  let db: sqlite.Database | undefined;
  try {
    db = new sqlite.Database(file, { readOnly: true, fileMustExist: true });
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    const rows = db.all('PRAGMA quick_check') as { quick_check: string }[];
    const verdict = rows.map((r) => r.quick_check);
    const tables = (db.all("SELECT name FROM sqlite_master WHERE type = 'table'") as { name: string }[]).map((r) => r.name);
    const commits = tables.includes('meta') ? Number((db.get("SELECT value FROM meta WHERE key = 'commits'") as { value: number } | null)?.value ?? 0) : 0;
    if (verdict.length !== 1 || verdict[0] !== 'ok') return { ok: false, problem: `SQLite 完整性检查未通过（${verdict.slice(0, 3).join('；')}）`, commits, tables };
    return { ok: true, commits, tables };
  } catch (e) {
    return { ok: false, problem: `无法作为 SQLite 数据库读取（${e instanceof Error ? e.message : String(e)}）`, commits: 0, tables: [] };
  } finally {
    try {
      db?.close();
    } catch { /* read-only: nothing to lose */ }
  }
}

/**
 * Checks `dataDir/nianbao.sqlite` before it is opened for writing; throws the refusal. Returns the commit count
 * the database holds (0 for a new directory).
 */
export function checkStore(dataDir: string): number {
  const file = join(dataDir, DB_FILE);
  const acknowledged = CommitMark.read(dataDir);
  const size = existsSync(file) ? statSync(file).size : -1;
  if (size <= 0 && !existsSync(`${file}-wal`)) {
    if (acknowledged > 0) throw damaged(dataDir, size < 0 ? `文件不见了，而这个目录已确认保存过 ${acknowledged} 次提交` : `文件是空的（0 字节），而这个目录已确认保存过 ${acknowledged} 次提交`);
    return 0; // a new directory
  }
  const found = inspect(file);
  if (!found.ok) throw damaged(dataDir, found.problem!);
  if (found.commits < acknowledged) {
    throw damaged(dataDir, `其中只有 ${found.commits} 次提交，少于已确认保存的 ${acknowledged} 次（-wal 日志缺失或被截断，或文件被旧版本替换）`);
  }
  return found.commits;
}
