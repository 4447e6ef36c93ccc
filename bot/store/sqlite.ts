/**
 * Embedded SQLite (WASM, no native build) in `dataDir/nianbao.sqlite`, behind the `Db` interface.
 *
 * Ownership: one process owns a data directory, by `DirLock` (a socket the kernel takes away when the process
 * dies). Integrity: `checkStore` looks at the file read-only before anything is written (see integrity.ts).
 *
 * Durability and the event loop. SQLite runs with `synchronous = OFF` and no automatic checkpoints, and every
 * fsync is made here, on libuv's thread pool, so the event loop never waits for the disk:
 * - commit: group commit (below); a caller hears back only after `WalSync` has fsynced the log behind its COMMIT
 *   (what `synchronous = FULL` promises, kill -9 and power cut included);
 * - checkpoint (copying the log into the database file), regularly — when the log passes CHECKPOINT_BYTES, or
 *   every CHECKPOINT_MS when anything was written — so that the log stays short and a copy of the database file
 *   alone is at most that far behind: the log is fsynced first, the pages are copied (no fsync inside SQLite),
 *   then the database file is fsynced off the loop, and no write runs before that fsync finished — the next write
 *   would restart the log over the frames just copied, which must not happen before their pages are on disk.
 */
import fs, { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { SCHEMA, type Db, type Param, type Row, type Tx } from './db.js';
import { checkStore, CommitMark, DB_FILE, MARK_FILE } from './integrity.js';
import { DirLock } from './lock.js';
import { KeyedQueue } from './queue.js';
import { StoreError } from './types.js';
import { WalSync } from './wal-sync.js';

/**
 * Log size that triggers a checkpoint (the log is truncated to what it holds after each restart). Commits wait
 * during a checkpoint's database fsync (the loop does not), so checkpoints are few: 32 MB is about what the old
 * automatic checkpoint allowed (10,000 pages), and a crash leaves at most that much log to read back at start.
 */
const CHECKPOINT_BYTES = 32 * 2 ** 20;
/** A checkpoint at least this often while anything is written. */
const CHECKPOINT_MS = 60_000;
/**
 * The log's size is looked at after a batch at most this often: a stat per batch was a share of every turn, and in
 * this long the log grows by a few MB at most, against CHECKPOINT_BYTES.
 */
const WAL_CHECK_MS = 250;

/** Data directories open in this process (a directory is one bot instance's). */
const openDirs = new Set<string>();

export interface SqliteDb extends Db {
  /** `VACUUM INTO` a new file `to` (consistent, with every acknowledged commit); fsynced before it returns. */
  backupTo(to: string): Promise<void>;
  /** Runs a checkpoint now (tests, backups of the file alone). */
  checkpoint(): Promise<void>;
}

function call<T>(fn: (cb: (e: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v as T))));
}

/** fsync of a file by name, on the thread pool. */
export async function fsyncFile(file: string): Promise<void> {
  const fd = await call<number>((cb) => fs.open(file, 'r', cb));
  try {
    await call<void>((cb) => fs.fsync(fd, cb));
  } finally {
    await call<void>((cb) => fs.close(fd, cb));
  }
}

export async function openSqlite(dataDir: string, options: { waitMs?: number } = {}): Promise<SqliteDb> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DB_FILE);
  if (openDirs.has(file)) throw new StoreError(`数据目录 ${dataDir} 已在本进程中打开`);
  openDirs.add(file);
  let lock: DirLock | undefined;
  let db: sqlite.Database | undefined;
  try {
    lock = await DirLock.acquire(dataDir, options.waitMs);
    // A previous owner killed mid-transaction leaves the VFS's `.lock` directory behind; the lock is ours now.
    rmSync(`${file}.lock`, { recursive: true, force: true });
    const commits = checkStore(dataDir);
    db = new sqlite.Database(file);
    // One process owns the file: an exclusive lock lets WAL run without shared memory (which the WASM VFS lacks).
    db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 0;');
    for (const s of SCHEMA('INTEGER PRIMARY KEY AUTOINCREMENT')) db.exec(s);
    db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL); INSERT OR IGNORE INTO meta (key, value) VALUES ('commits', 0)");
    const mark = new CommitMark(join(dataDir, MARK_FILE));
    return build(db, lock, mark, commits, dataDir, file);
  } catch (e) {
    openDirs.delete(file);
    try {
      db?.close();
    } catch { /* already failing */ }
    await lock?.release();
    throw e;
  }
}

function build(db: sqlite.Database, lock: DirLock, mark: CommitMark, startCommits: number, dataDir: string, file: string): SqliteDb {
  const wal = new WalSync(`${file}-wal`);
  let commits = startCommits;
  const serial = new KeyedQueue();
  // Prepared once per SQL text (the store uses a handful): preparing on every call cost more than running.
  const statements = new Map<string, sqlite.Statement>();
  const statement = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  // the parameters as they are (the binding only reads them): no copy per statement
  const direct: Tx = {
    all: async (sql, params = []) => statement(sql).all(params as Param[]) as Row[],
    run: async (sql, params = []) => statement(sql).run(params as Param[]).changes,
  };

  // Checkpoints: asked for after a batch when the log has grown past CHECKPOINT_BYTES, and by a timer.
  let written = false; // anything committed since the last checkpoint
  let checkpointQueued = false;
  const walBytes = () => {
    try {
      return statSync(`${file}-wal`).size;
    } catch {
      return 0;
    }
  };
  const checkpointNow = async () => {
    checkpointQueued = false;
    if (!written) return;
    await wal.durable(); // the frames are on disk before their pages go into the database file
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    written = false;
    await fsyncFile(file); // …and those pages are on disk before the next write restarts the log over the frames
  };
  // A checkpoint whose fsync failed leaves pages of acknowledged commits maybe not on disk, and the next write would
  // restart the log over their frames: from then on every write is refused (a restart recovers from the log).
  let broken: unknown;
  const requestCheckpoint = () => {
    if (checkpointQueued) return;
    checkpointQueued = true;
    void serial.run('db', checkpointNow).catch((e: unknown) => {
      broken ??= e;
    });
  };
  written = walBytes() > 0; // a log left by a previous process (killed) is folded in by the first checkpoint
  const timer = setInterval(requestCheckpoint, CHECKPOINT_MS);
  timer.unref();

  // Group commit: transactions asked for in the same event-loop iteration (and while a batch is being written)
  // share one COMMIT, i.e. one fsync, each in its own savepoint so that one failing (a stale version) rolls back
  // alone. Callers hear back only after the COMMIT's fsync, so nothing is acknowledged before it is on disk; the
  // acknowledged count goes to the mark file then (integrity.ts).
  interface Item { fn: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  let pending: Item[] = [];
  let scheduled = false;
  let walChecked = -Infinity; // when the log's size was last looked at (performance.now())
  const runBatch = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (broken) {
      batch.forEach((item) => item.reject(new StoreError(`数据库文件 ${file} 写盘失败，已停止写入：请检查磁盘后重启`)));
      return;
    }
    const results: { ok: boolean; value: unknown }[] = [];
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const item of batch) {
        db.exec('SAVEPOINT turn');
        try {
          results.push({ ok: true, value: await item.fn(direct) });
          db.exec('RELEASE turn');
        } catch (e) {
          db.exec('ROLLBACK TO turn');
          db.exec('RELEASE turn');
          results.push({ ok: false, value: e });
        }
      }
      statement("UPDATE meta SET value = value + 1 WHERE key = 'commits'").run([]);
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      batch.forEach((item) => item.reject(e));
      return;
    }
    const count = ++commits;
    written = true;
    const t = performance.now();
    if (t - walChecked >= WAL_CHECK_MS) {
      walChecked = t;
      if (walBytes() > CHECKPOINT_BYTES) requestCheckpoint();
    }
    // Not awaited: the next batch may be written while this one's fsync runs.
    void wal.durable().then(
      () => {
        mark.record(count);
        batch.forEach((item, i) => (results[i]!.ok ? item.resolve(results[i]!.value) : item.reject(results[i]!.value)));
      },
      (e: unknown) => batch.forEach((item) => item.reject(e)),
    );
  };
  const tx = <T>(fn: (tx: Tx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        // After this loop iteration's I/O callbacks: every turn that arrived with this one joins the batch
        // (a turn runs to its commit in microtasks, so without the wait each batch would hold one turn).
        setImmediate(() => void serial.run('db', runBatch));
      }
    });

  const backupTo = async (to: string) => {
    const tmp = `${to}.part-${process.pid}`;
    rmSync(tmp, { force: true });
    try {
      await serial.run('db', async () => {
        await wal.durable();
        db.exec(`VACUUM INTO '${tmp.replace(/'/g, "''")}'`);
      });
      fs.chmodSync(tmp, 0o600); // the clerks' drafts: for the owner of the data only
      await fsyncFile(tmp);
      fs.renameSync(tmp, to);
    } finally {
      rmSync(tmp, { force: true });
      rmSync(`${tmp}.lock`, { recursive: true, force: true });
    }
  };
  lock.handle(async (request) => {
    if (request.op === 'backup' && typeof request.to === 'string') {
      await backupTo(request.to);
      return { to: request.to };
    }
    throw new StoreError('不支持的请求');
  });

  let closed = false;
  return {
    kind: 'sqlite',
    forUpdate: '',
    all: (sql, params) => serial.run('db', () => direct.all(sql, params)),
    run: (sql, params) => tx((t) => t.run(sql, params)),
    tx,
    backupTo,
    checkpoint: () => {
      written = true;
      return serial.run('db', checkpointNow);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      if (scheduled) await new Promise((r) => setImmediate(r)); // a batch asked for in this iteration joins the queue first
      await serial.drain();
      await serial.run('db', checkpointNow);
      await wal.close();
      for (const st of statements.values()) st.finalize();
      db.exec('PRAGMA synchronous = FULL'); // closing folds in and deletes the (by now empty) log: synced
      db.close();
      mark.close();
      openDirs.delete(file);
      await lock.release();
    },
  };
}
