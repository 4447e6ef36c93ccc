/** The two SQL backends behind one small async interface, so the store's logic exists once (SQLite: sqlite.ts). */
import pg from 'pg';

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

export const SCHEMA = (serial: string) => [
  `CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, agency_name TEXT NOT NULL, year INTEGER NOT NULL,
     doc TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS drafts_agency_year ON drafts (agency_name, year)`,
  `CREATE TABLE IF NOT EXISTS answers (seq ${serial}, draft_id TEXT NOT NULL, path TEXT NOT NULL, value TEXT,
     version INTEGER NOT NULL, at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS answers_draft_path ON answers (draft_id, path, seq)`,
  `CREATE TABLE IF NOT EXISTS conversations (key TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL,
     updated_at TEXT NOT NULL)`,
];

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
