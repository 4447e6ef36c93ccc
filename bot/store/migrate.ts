/**
 * Schema additions over db.ts's base tables, applied at open on both backends (idempotent): draft owners and
 * members (and who invited them), sharing codes, the authors of answers and the names they go by, kept draft versions for download links, and the Direct Line
 * transcript. Drafts stored before owners existed keep `owner` NULL; see `TurnCommit.claim`.
 */
import type { Db, Tx } from './db.js';

const TABLES = [
  `CREATE TABLE IF NOT EXISTS draft_members (draft_id TEXT NOT NULL, principal TEXT NOT NULL, since TEXT NOT NULL,
     PRIMARY KEY (draft_id, principal))`,
  `CREATE TABLE IF NOT EXISTS share_codes (code_hash TEXT PRIMARY KEY, draft_id TEXT NOT NULL, created_by TEXT NOT NULL,
     expires_at TEXT NOT NULL, used_by TEXT, used_at TEXT)`,
  // the name the channel last gave each identity (Teams, Direct Line: from.name), for showing who answered
  `CREATE TABLE IF NOT EXISTS principal_names (principal TEXT PRIMARY KEY, name TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS draft_versions (draft_id TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL,
     PRIMARY KEY (draft_id, version))`,
  `CREATE TABLE IF NOT EXISTS dl_conversations (id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS dl_conversations_updated ON dl_conversations (updated_at)`,
  `CREATE TABLE IF NOT EXISTS dl_activities (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, activity TEXT NOT NULL,
     PRIMARY KEY (conversation_id, seq))`,
];

/** Columns added to base tables: [table, column, type]. */
const COLUMNS: readonly [string, string, string][] = [
  ['drafts', 'owner', 'TEXT'],
  ['answers', 'actor', 'TEXT'],
  // who made someone a member: the owner who invited them by name (Teams @mention); NULL for a sharing code
  ['draft_members', 'added_by', 'TEXT'],
];

async function columns(tx: Tx, kind: Db['kind'], table: string): Promise<Set<string>> {
  const rows = kind === 'sqlite'
    ? await tx.all(`PRAGMA table_info(${table})`)
    : await tx.all('SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?', [table]);
  return new Set(rows.map((r) => String(r.name)));
}

export async function migrate(db: Db): Promise<void> {
  await db.tx(async (tx) => {
    // two instances starting at once: one migrates, the other then finds nothing to do
    if (db.kind === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(727002)');
    for (const s of TABLES) await tx.run(s);
    for (const [table, column, type] of COLUMNS) {
      if (!(await columns(tx, db.kind, table)).has(column)) await tx.run(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  });
}
