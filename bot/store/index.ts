/**
 * The bot's durable store. Embedded SQLite (WASM) in a data directory by default — `dataDir`, else
 * `NIANBAO_DATA_DIR`, else `.data/` in the working directory; PostgreSQL when `databaseUrl` (or `DATABASE_URL`) is
 * a postgres:// URL, for several bot instances behind a load balancer.
 */
import { resolve } from 'node:path';
import { openPostgres } from './db.js';
import { migrate } from './migrate.js';
import { pgLocks } from './pg-lock.js';
import { openSqlite } from './sqlite.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './types.js';

export type * from './types.js';
export { StoreError } from './types.js';
export { applyChange, applyChanges, diffDrafts, valueAt } from './apply.js';

export interface StoreOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** Clock for timestamps (tests). */
  now?: () => Date;
}

export function defaultDataDir(): string {
  return resolve(process.env.NIANBAO_DATA_DIR || '.data');
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? (options.dataDir ? undefined : process.env.DATABASE_URL);
  const pg = url && /^postgres(ql)?:\/\//.test(url);
  const db = pg ? await openPostgres(url) : await openSqlite(options.dataDir ?? defaultDataDir());
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return new SqlStore(db, options.now, pg ? pgLocks(url) : undefined);
}
