/** The store's logic, once, over either SQL backend: versioned drafts, answer history, conversation cursors. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Draft } from '../../shared/index.js';
import { applyChanges, applyChangesTo, diffDrafts } from './apply.js';
import type { Db, Row, Tx } from './db.js';
import type { Locks } from './pg-lock.js';
import { KeyedQueue } from './queue.js';
import { Remembered } from './remembered.js';
import { StoredActivity, TranscriptTails } from './transcript-tails.js';
import type { Change, DraftAccess, DraftStatus, DraftSummary, HistoryEntry, Store, TranscriptEntry, TurnCommit, TurnResult } from './types.js';
import { StoreError } from './types.js';

class Stale extends Error {}

const MAX_RETRIES = 100;
/** Conversation cursors remembered (SQLite): a day's conversations of a busy office, about 2 MB. */
const MAX_CURSORS = 5_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const num = (v: unknown) => Number(v);

const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

function summary(r: Row, members: readonly string[]): DraftSummary {
  const owner = str(r.owner);
  return {
    draftId: String(r.id), agencyName: String(r.agency_name), year: num(r.year), version: num(r.version),
    status: r.status as DraftStatus, updatedAt: String(r.updated_at), ...(owner ? { owner } : {}), members,
  };
}

export class SqlStore implements Store {
  private readonly queue = new KeyedQueue();
  /** Set inside `serialize` once its cross-instance lock is held (nested calls need no second lock). */
  private readonly locked = new AsyncLocalStorage<true>();
  /**
   * SQLite only (one process owns the database): transcript ends and newest activities as this process stored them.
   * Not on PostgreSQL, where other instances append too (under the conversation's advisory lock, which makes the
   * SELECT there current).
   */
  private readonly tails: TranscriptTails | undefined;
  /** SQLite only, likewise: each conversation's cursor (JSON, version) as this process last stored it. */
  private readonly cursors: Remembered<{ state: string; version: number }> | undefined;

  /** `locks`: the cross-instance lock for `serialize` (PostgreSQL); without it, this process's queue suffices. */
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date(), private readonly locks?: Locks) {
    this.tails = db.kind === 'sqlite' ? new TranscriptTails() : undefined;
    this.cursors = db.kind === 'sqlite' ? new Remembered(MAX_CURSORS) : undefined;
  }

  get kind() {
    return this.db.kind;
  }

  async loadDraft(draftId: string) {
    const [r] = await this.db.all('SELECT doc, version, status, owner FROM drafts WHERE id = ?', [draftId]);
    if (!r) return undefined;
    const owner = str(r.owner);
    return { draft: JSON.parse(String(r.doc)) as Draft, version: num(r.version), status: r.status as DraftStatus, ...(owner ? { owner } : {}) };
  }

  async loadDraftVersion(draftId: string, version: number) {
    const [r] = await this.db.all(
      `SELECT doc FROM drafts WHERE id = ? AND version = ?
       UNION ALL SELECT doc FROM draft_versions WHERE draft_id = ? AND version = ?`,
      [draftId, version, draftId, version],
    );
    return r ? (JSON.parse(String(r.doc)) as Draft) : undefined;
  }

  private async members(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await this.db.all(
      `SELECT draft_id, principal FROM draft_members WHERE draft_id IN (${ids.map(() => '?').join(', ')}) ORDER BY since, principal`, ids,
    );
    for (const r of rows) out.get(String(r.draft_id))?.push(String(r.principal));
    return out;
  }

  async findDrafts(agencyName: string, year: number, status: DraftStatus | 'any' = 'open') {
    const rows = await this.db.all(
      `SELECT id, agency_name, year, version, status, updated_at, owner FROM drafts WHERE agency_name = ? AND year = ?
       ${status === 'any' ? '' : 'AND status = ?'} ORDER BY updated_at DESC, id`,
      status === 'any' ? [agencyName, year] : [agencyName, year, status],
    );
    const members = await this.members(rows.map((r) => String(r.id)));
    return rows.map((r) => summary(r, members.get(String(r.id)) ?? []));
  }

  async access(draftId: string): Promise<DraftAccess | undefined> {
    const [r] = await this.db.all('SELECT owner FROM drafts WHERE id = ?', [draftId]);
    if (!r) return undefined;
    const owner = str(r.owner);
    return { ...(owner ? { owner } : {}), members: (await this.members([draftId])).get(draftId) ?? [] };
  }

  async createDraft(draft: Draft, draftId: string = randomUUID(), owner?: string) {
    await this.db.tx((tx) => this.insertDraft(tx, draftId, draft, owner));
    return { draftId, version: 1 };
  }

  private async insertDraft(tx: Tx, draftId: string, draft: Draft, owner?: string): Promise<void> {
    const at = this.now().toISOString();
    const doc = { ...draft, updatedAt: at };
    await tx.run(
      'INSERT INTO drafts (id, agency_name, year, doc, version, status, updated_at, owner) VALUES (?, ?, ?, ?, 1, ?, ?, ?)',
      [draftId, draft.agency.name, draft.year, JSON.stringify(doc), 'open', at, owner ?? null],
    );
  }

  async addShareCode(draftId: string, codeHash: string, by: string, expiresAt: Date) {
    await this.db.tx((tx) => tx.run(
      'INSERT INTO share_codes (code_hash, draft_id, created_by, expires_at) VALUES (?, ?, ?, ?)',
      [codeHash, draftId, by, expiresAt.toISOString()],
    ));
  }

  async redeemShareCode(codeHash: string, principal: string, at: Date) {
    const when = at.toISOString();
    return this.db.tx(async (tx) => {
      const n = await tx.run(
        'UPDATE share_codes SET used_by = ?, used_at = ? WHERE code_hash = ? AND expires_at > ? AND (used_by IS NULL OR used_by = ?)',
        [principal, when, codeHash, when, principal],
      );
      if (n !== 1) return undefined;
      const [r] = await tx.all('SELECT draft_id FROM share_codes WHERE code_hash = ?', [codeHash]);
      const draftId = String(r!.draft_id);
      const [d] = await tx.all('SELECT owner FROM drafts WHERE id = ?', [draftId]);
      if (!d) return undefined;
      if (str(d.owner) !== principal) {
        await tx.run('INSERT INTO draft_members (draft_id, principal, since) VALUES (?, ?, ?) ON CONFLICT (draft_id, principal) DO NOTHING', [draftId, principal, when]);
      }
      return { draftId };
    });
  }

  private async putName(tx: Tx, principal: string, name: string, at: string): Promise<void> {
    await tx.run(
      `INSERT INTO principal_names (principal, name, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (principal) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at WHERE principal_names.name <> excluded.name`,
      [principal, name, at],
    );
  }

  async names(principals: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const ids = [...new Set(principals)];
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      const rows = await this.db.all(`SELECT principal, name FROM principal_names WHERE principal IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) out.set(String(r.principal), String(r.name));
    }
    return out;
  }

  /** Writes the new document if the row is still at `base`; records each answer in the history, with its author. */
  private async write(
    tx: Tx, draftId: string, base: number, draft: Draft, changes: readonly Change[], status?: DraftStatus, actor?: string, doc = JSON.stringify(draft),
  ) {
    const version = base + 1;
    const n = await tx.run(
      `UPDATE drafts SET doc = ?, version = ?, agency_name = ?, year = ?, updated_at = ?${status ? ', status = ?' : ''}
       WHERE id = ? AND version = ?`,
      [doc, version, draft.agency.name, draft.year, draft.updatedAt ?? '', ...(status ? [status] : []), draftId, base],
    );
    if (n !== 1) throw new Stale();
    for (const c of changes) {
      await tx.run('INSERT INTO answers (draft_id, path, value, version, at, actor) VALUES (?, ?, ?, ?, ?, ?)', [
        draftId, c.path, c.value === null ? null : String(c.value), version, draft.updatedAt ?? '', actor ?? null,
      ]);
    }
    return version;
  }

  async applyChanges(draftId: string, changes: readonly Change[], actor?: string) {
    for (let retries = 0; retries < MAX_RETRIES; retries++) {
      const current = await this.loadDraft(draftId);
      if (!current) throw new StoreError(`草稿 ${draftId} 不存在`);
      const draft = applyChanges(current.draft, changes, this.now().toISOString());
      try {
        const version = await this.db.tx((tx) => this.write(tx, draftId, current.version, draft, changes, undefined, actor));
        return { draft, version, retries };
      } catch (e) {
        if (!(e instanceof Stale)) throw e;
        await pause(Math.random() * Math.min(20, 1 + retries));
      }
    }
    throw new StoreError(`草稿 ${draftId} 写入冲突过多`);
  }

  async saveDraft(draftId: string, draft: Draft, expectedVersion: number, actor?: string) {
    const current = await this.loadDraft(draftId);
    if (!current) throw new StoreError(`草稿 ${draftId} 不存在`);
    if (current.version !== expectedVersion) return { ok: false, version: current.version };
    const at = this.now().toISOString();
    const changes = diffDrafts(current.draft, draft);
    try {
      const version = await this.db.tx((tx) => this.write(tx, draftId, expectedVersion, { ...draft, updatedAt: at }, changes, undefined, actor));
      return { ok: true, version };
    } catch (e) {
      if (!(e instanceof Stale)) throw e;
      const now = await this.loadDraft(draftId);
      return { ok: false, version: now?.version ?? 0 };
    }
  }

  async setStatus(draftId: string, status: DraftStatus) {
    await this.db.run('UPDATE drafts SET status = ? WHERE id = ?', [status, draftId]);
  }

  async history(draftId: string, path?: string): Promise<HistoryEntry[]> {
    const rows = await this.db.all(
      `SELECT seq, path, value, version, at, actor FROM answers WHERE draft_id = ?${path ? ' AND path = ?' : ''} ORDER BY seq`,
      path ? [draftId, path] : [draftId],
    );
    return rows.map((r) => {
      const actor = str(r.actor);
      return {
        seq: num(r.seq), path: String(r.path), value: r.value === null ? null : String(r.value), version: num(r.version), at: String(r.at),
        ...(actor ? { actor } : {}),
      };
    });
  }

  async loadConversation(key: string) {
    const known = this.cursors?.get(key);
    if (known) return { state: JSON.parse(known.state) as unknown, version: known.version };
    const [r] = await this.db.all('SELECT state, version FROM conversations WHERE key = ?', [key]);
    return r ? { state: JSON.parse(String(r.state)) as unknown, version: num(r.version) } : undefined;
  }

  async commitTurn(turn: TurnCommit): Promise<TurnResult> {
    const at = this.now().toISOString();
    const { db } = this;
    const version = turn.expectedVersion + 1;
    const state = JSON.stringify(turn.state);
    try {
      const result = await db.tx(async (tx): Promise<TurnResult> => {
        // The cursor first, version-checked by the write itself (no SELECT): a stale turn stops here, and everything
        // after it is rolled back with it should it fail. On PostgreSQL the UPDATE locks the row, as FOR UPDATE did.
        const n = turn.expectedVersion
          ? await tx.run('UPDATE conversations SET state = ?, version = ?, updated_at = ? WHERE key = ? AND version = ?', [state, version, at, turn.key, turn.expectedVersion])
          : await tx.run('INSERT INTO conversations (key, state, version, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [turn.key, state, version, at]);
        if (n !== 1) throw new Stale();
        let draftVersion: number | undefined;
        if (turn.actor && turn.actorName) await this.putName(tx, turn.actor, turn.actorName, at);
        if (turn.claim && turn.actor) await tx.run('UPDATE drafts SET owner = ? WHERE id = ? AND owner IS NULL', [turn.actor, turn.claim]);
        const d = turn.draft;
        if (d) {
          if (d.create) await this.insertDraft(tx, d.draftId, d.create, turn.actor);
          const [row] = await tx.all(`SELECT doc, version FROM drafts WHERE id = ?${db.forUpdate}`, [d.draftId]);
          if (!row) throw new StoreError(`草稿 ${d.draftId} 不存在`);
          draftVersion = num(row.version);
          let doc = String(row.doc);
          if (d.changes.length || d.status) {
            const draft = applyChangesTo(JSON.parse(doc) as Draft, d.changes, at); // parsed here: no copy needed
            doc = JSON.stringify(draft);
            draftVersion = await this.write(tx, d.draftId, draftVersion, draft, d.changes, d.status, turn.actor, doc);
          }
          for (const m of d.invite ?? []) {
            await tx.run(
              'INSERT INTO draft_members (draft_id, principal, since, added_by) VALUES (?, ?, ?, ?) ON CONFLICT (draft_id, principal) DO NOTHING',
              [d.draftId, m.principal, at, turn.actor ?? null],
            );
            if (m.name) await this.putName(tx, m.principal, m.name, at);
          }
          if (d.keep) {
            await tx.run('INSERT INTO draft_versions (draft_id, version, doc) VALUES (?, ?, ?) ON CONFLICT (draft_id, version) DO NOTHING', [d.draftId, draftVersion, doc]);
          }
        }
        return draftVersion === undefined ? { ok: true, conversationVersion: version } : { ok: true, conversationVersion: version, draftVersion };
      });
      this.cursors?.set(turn.key, { state, version });
      return result;
    } catch (e) {
      // whatever the database holds now, it says so next time (a cursor remembered wrongly would only ever be stale)
      this.cursors?.delete(turn.key);
      if (e instanceof Stale) return { ok: false, reason: 'stale' };
      throw e;
    }
  }

  serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const { locks } = this;
    if (!locks || this.locked.getStore()) return this.queue.run(key, fn);
    return this.queue.run(key, () => locks.run(key, () => this.locked.run(true, fn)));
  }

  async transcriptEnd(conversationId: string) {
    const known = this.tails?.end(conversationId);
    if (known !== undefined) return known;
    const [r] = await this.db.all('SELECT last_seq FROM dl_conversations WHERE id = ?', [conversationId]);
    return r ? num(r.last_seq) : undefined;
  }

  async appendTranscript(conversationId: string, after: number, activities: readonly unknown[], keep: number) {
    const end = after + activities.length;
    const at = this.now().toISOString();
    const jsons = activities.map((a) => JSON.stringify(a));
    await this.db.tx(async (tx) => {
      await tx.run(
        `INSERT INTO dl_conversations (id, last_seq, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
        [conversationId, end, at],
      );
      for (let i = 0; i < activities.length; i++) {
        await tx.run('INSERT INTO dl_activities (conversation_id, seq, activity) VALUES (?, ?, ?)', [conversationId, after + 1 + i, jsons[i]!]);
      }
      // trimmed in steps of a tenth of `keep`, not on every append
      const step = Math.max(1, Math.floor(keep / 10));
      if (end > keep && Math.floor(end / step) !== Math.floor(after / step)) {
        await tx.run('DELETE FROM dl_activities WHERE conversation_id = ? AND seq <= ?', [conversationId, end - keep]);
      }
    });
    this.tails?.appended(conversationId, after, jsons, keep);
    return end;
  }

  async readTranscript(conversationId: string, after: number, limit: number): Promise<TranscriptEntry[]> {
    const known = this.tails?.read(conversationId, after, limit);
    if (known) return known;
    const rows = await this.db.all(
      'SELECT seq, activity FROM dl_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?', [conversationId, after, limit],
    );
    return rows.map((r) => new StoredActivity(num(r.seq), String(r.activity)));
  }

  async sweepTranscripts(before: Date) {
    const cutoff = before.toISOString();
    try {
      return await this.db.tx(async (tx) => {
        await tx.run('DELETE FROM dl_activities WHERE conversation_id IN (SELECT id FROM dl_conversations WHERE updated_at < ?)', [cutoff]);
        return tx.run('DELETE FROM dl_conversations WHERE updated_at < ?', [cutoff]);
      });
    } finally {
      this.tails?.clear(); // which transcripts went is the database's to say: every end is read back after a sweep
    }
  }

  async close() {
    await this.queue.drain();
    await this.locks?.close();
    await this.db.close();
  }
}
