/** The two SQL backends behind one small async interface, so the store's logic exists once. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import pg from 'pg';
import { KeyedQueue } from './queue.js';
import { WalSync } from './wal-sync.js';
import { StoreError } from './types.js';

export type Row = Record<string, unknown>;
export type Param = string | number | null;

export interface Tx {
  all(sql: string, params?: readonly Param[]): Promise<Row[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

export interface Db extends Tx {
  readonly kind: 'sqlite' | 'postgres';
  /** ' FOR UPDATE' where the backend locks rows (PostgreSQL), '' where a transaction locks the file (SQLite). */
  readonly forUpdate: string;
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SCHEMA = (serial: string) => [
  `CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, agency_name TEXT NOT NULL, year INTEGER NOT NULL,
     doc TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS drafts_agency_year ON drafts (agency_name, year)`,
  `CREATE TABLE IF NOT EXISTS answers (seq ${serial}, draft_id TEXT NOT NULL, path TEXT NOT NULL, value TEXT,
     version INTEGER NOT NULL, at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS answers_draft_path ON answers (draft_id, path, seq)`,
  `CREATE TABLE IF NOT EXISTS conversations (key TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL,
     updated_at TEXT NOT NULL)`,
];

/** Data directories open in this process (a directory is one bot instance's). */
const openDirs = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Embedded SQLite (WASM, no native build) in `dataDir/nianbao.sqlite`. One process owns a data directory
 * (`owner.pid`); a previous owner killed mid-transaction leaves the VFS's `.lock` directory behind, which is
 * removed when its process is gone.
 */
export function openSqlite(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'nianbao.sqlite');
  const pidFile = join(dataDir, 'owner.pid');
  if (openDirs.has(file)) throw new StoreError(`数据目录 ${dataDir} 已在本进程中打开`);
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) throw new StoreError(`数据目录 ${dataDir} 正被进程 ${pid} 使用`);
  }
  rmSync(`${file}.lock`, { recursive: true, force: true });
  writeFileSync(pidFile, String(process.pid));
  openDirs.add(file);
  const db = new sqlite.Database(file);
  // One process owns the file: an exclusive lock lets WAL run without shared memory (which the WASM VFS lacks).
  // synchronous = NORMAL: the commit's fsync of the log is WalSync's, off the event loop, before any caller hears
  // back (synchronous = FULL did it inside COMMIT, blocking the whole bot for every turn). A checkpoint still
  // syncs inside SQLite, on the event loop, so there are few: every 10,000 pages (40 MB of log) instead of 1,000
  // (16 a run of the 50 × 40 bench, up to 460 ms each on this shared disk).
  db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000;');
  const wal = new WalSync(`${file}-wal`);
  for (const s of SCHEMA('INTEGER PRIMARY KEY AUTOINCREMENT')) db.exec(s);
  const serial = new KeyedQueue();
  // Prepared once per SQL text (the store uses a handful): preparing on every call cost more than running.
  const statements = new Map<string, sqlite.Statement>();
  const statement = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const direct: Tx = {
    all: async (sql, params = []) => statement(sql).all([...params]) as Row[],
    run: async (sql, params = []) => statement(sql).run([...params]).changes,
  };
  // Group commit: transactions asked for in the same event-loop iteration (and while a batch is being written)
  // share one COMMIT, i.e. one fsync, each in its own savepoint so that one failing (a stale version) rolls back
  // alone. Callers hear back only after the COMMIT, so nothing is acknowledged before it is on disk.
  interface Item { fn: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  let pending: Item[] = [];
  let scheduled = false;
  const runBatch = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
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
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      batch.forEach((item) => item.reject(e));
      return;
    }
    // Not awaited: the next batch may be written while this one's fsync runs.
    void wal.durable().then(
      () => batch.forEach((item, i) => (results[i]!.ok ? item.resolve(results[i]!.value) : item.reject(results[i]!.value))),
      (e: unknown) => batch.forEach((item) => item.reject(e)),
    );
  };
  let closed = false;
  return {
    kind: 'sqlite',
    forUpdate: '',
    all: (sql, params) => serial.run('db', () => direct.all(sql, params)),
    run: async (sql, params) => {
      const n = await serial.run('db', () => direct.run(sql, params));
      await wal.durable();
      return n;
    },
    tx: <T>(fn: (tx: Tx) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          // After this loop iteration's I/O callbacks: every turn that arrived with this one joins the batch
          // (a turn runs to its commit in microtasks, so without the wait each batch would hold one turn).
          setImmediate(() => void serial.run('db', runBatch));
        }
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      if (scheduled) await new Promise((r) => setImmediate(r)); // a batch asked for in this iteration joins the queue first
      await serial.drain();
      await wal.close();
      for (const st of statements.values()) st.finalize();
      db.close();
      openDirs.delete(file);
      rmSync(pidFile, { force: true });
    },
  };
}

const toPg = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL through a connection pool; several bot instances can share one database. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined); // an idle client's error must not crash the bot; the next query reports it
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727001)'); // two instances creating the schema at once
    for (const s of SCHEMA('BIGSERIAL PRIMARY KEY')) await client.query(s);
    await client.query('SELECT pg_advisory_unlock(727001)');
  } finally {
    client.release();
  }
  const on = (q: { query: pg.Pool['query'] }): Tx => ({
    all: async (sql, params = []) => (await q.query(toPg(sql), [...params])).rows as Row[],
    run: async (sql, params = []) => (await q.query(toPg(sql), [...params])).rowCount ?? 0,
  });
  const direct = on(pool);
  return {
    kind: 'postgres',
    forUpdate: ' FOR UPDATE',
    ...direct,
    tx: async (fn) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const r = await fn(on(c as unknown as { query: pg.Pool['query'] }));
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
