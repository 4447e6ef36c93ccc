/**
 * The bot's durable store. Embedded SQLite (WASM) in a data directory by default — `dataDir`, else
 * `NIANBAO_DATA_DIR`, else `.data/` in the working directory; PostgreSQL when `databaseUrl` (or `DATABASE_URL`) is
 * a postgres:// URL, for several bot instances behind a load balancer.
 */
import { resolve } from 'node:path';
import { openPostgres } from './db.js';
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
  if (url && /^postgres(ql)?:\/\//.test(url)) return new SqlStore(await openPostgres(url), options.now);
  return new SqlStore(await openSqlite(options.dataDir ?? defaultDataDir()), options.now);
}
