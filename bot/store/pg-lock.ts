/**
 * Per-key locks shared by every bot instance on one PostgreSQL database: `pg_advisory_xact_lock` in a transaction
 * held while `fn` runs, so that turns of one conversation reaching two instances at once run one after the other,
 * in the order they asked. The lock connections have their own pool: a turn holding a lock runs its queries on
 * the store's pool, which no one waiting for a lock holds, so the two can never starve each other.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

export interface Locks {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A 64-bit lock id for a key (a collision only makes two conversations wait for each other). */
function lockId(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

export function pgLocks(url: string, max = 16): Locks {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return {
    async run(key, fn) {
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockId(key)]);
        return await fn();
      } finally {
        // COMMIT releases the lock; a connection that failed is dropped, which releases it too
        await c.query('COMMIT').catch((e: Error) => (broken = e));
        c.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
