/** The store's logic, once, over either SQL backend: versioned drafts, answer history, conversation cursors. */
import { randomUUID } from 'node:crypto';
import type { Draft } from '../../shared/index.js';
import { applyChanges, diffDrafts } from './apply.js';
import type { Db, Row, Tx } from './db.js';
import { KeyedQueue } from './queue.js';
import type { Change, DraftStatus, DraftSummary, HistoryEntry, Store, TurnCommit, TurnResult } from './types.js';
import { StoreError } from './types.js';

class Stale extends Error {}

const MAX_RETRIES = 100;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const num = (v: unknown) => Number(v);

function summary(r: Row): DraftSummary {
  return {
    draftId: String(r.id), agencyName: String(r.agency_name), year: num(r.year), version: num(r.version),
    status: r.status as DraftStatus, updatedAt: String(r.updated_at),
  };
}

export class SqlStore implements Store {
  private readonly queue = new KeyedQueue();
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get kind() {
    return this.db.kind;
  }

  async loadDraft(draftId: string) {
    const [r] = await this.db.all('SELECT doc, version, status FROM drafts WHERE id = ?', [draftId]);
    if (!r) return undefined;
    return { draft: JSON.parse(String(r.doc)) as Draft, version: num(r.version), status: r.status as DraftStatus };
  }

  async findDrafts(agencyName: string, year: number, status: DraftStatus | 'any' = 'open') {
    const rows = await this.db.all(
      `SELECT id, agency_name, year, version, status, updated_at FROM drafts WHERE agency_name = ? AND year = ?
       ${status === 'any' ? '' : 'AND status = ?'} ORDER BY updated_at DESC, id`,
      status === 'any' ? [agencyName, year] : [agencyName, year, status],
    );
    return rows.map(summary);
  }

  async createDraft(draft: Draft, draftId: string = randomUUID()) {
    await this.db.tx((tx) => this.insertDraft(tx, draftId, draft));
    return { draftId, version: 1 };
  }

  private async insertDraft(tx: Tx, draftId: string, draft: Draft): Promise<void> {
    const at = this.now().toISOString();
    const doc = { ...draft, updatedAt: at };
    await tx.run(
      'INSERT INTO drafts (id, agency_name, year, doc, version, status, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [draftId, draft.agency.name, draft.year, JSON.stringify(doc), 'open', at],
    );
  }

  /** Writes the new document if the row is still at `base`; records each answer in the history. */
  private async write(tx: Tx, draftId: string, base: number, draft: Draft, changes: readonly Change[], status?: DraftStatus) {
    const version = base + 1;
    const n = await tx.run(
      `UPDATE drafts SET doc = ?, version = ?, agency_name = ?, year = ?, updated_at = ?${status ? ', status = ?' : ''}
       WHERE id = ? AND version = ?`,
      [JSON.stringify(draft), version, draft.agency.name, draft.year, draft.updatedAt ?? '', ...(status ? [status] : []), draftId, base],
    );
    if (n !== 1) throw new Stale();
    for (const c of changes) {
      await tx.run('INSERT INTO answers (draft_id, path, value, version, at) VALUES (?, ?, ?, ?, ?)', [
        draftId, c.path, c.value === null ? null : String(c.value), version, draft.updatedAt ?? '',
      ]);
    }
    return version;
  }

  async applyChanges(draftId: string, changes: readonly Change[]) {
    for (let retries = 0; retries < MAX_RETRIES; retries++) {
      const current = await this.loadDraft(draftId);
      if (!current) throw new StoreError(`草稿 ${draftId} 不存在`);
      const draft = applyChanges(current.draft, changes, this.now().toISOString());
      try {
        const version = await this.db.tx((tx) => this.write(tx, draftId, current.version, draft, changes));
        return { draft, version, retries };
      } catch (e) {
        if (!(e instanceof Stale)) throw e;
        await pause(Math.random() * Math.min(20, 1 + retries));
      }
    }
    throw new StoreError(`草稿 ${draftId} 写入冲突过多`);
  }

  async saveDraft(draftId: string, draft: Draft, expectedVersion: number) {
    const current = await this.loadDraft(draftId);
    if (!current) throw new StoreError(`草稿 ${draftId} 不存在`);
    if (current.version !== expectedVersion) return { ok: false, version: current.version };
    const at = this.now().toISOString();
    const changes = diffDrafts(current.draft, draft);
    try {
      const version = await this.db.tx((tx) => this.write(tx, draftId, expectedVersion, { ...draft, updatedAt: at }, changes));
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
      `SELECT seq, path, value, version, at FROM answers WHERE draft_id = ?${path ? ' AND path = ?' : ''} ORDER BY seq`,
      path ? [draftId, path] : [draftId],
    );
    return rows.map((r) => ({
      seq: num(r.seq), path: String(r.path), value: r.value === null ? null : String(r.value), version: num(r.version), at: String(r.at),
    }));
  }

  async loadConversation(key: string) {
    const [r] = await this.db.all('SELECT state, version FROM conversations WHERE key = ?', [key]);
    return r ? { state: JSON.parse(String(r.state)) as unknown, version: num(r.version) } : undefined;
  }

  async commitTurn(turn: TurnCommit): Promise<TurnResult> {
    const at = this.now().toISOString();
    const { db } = this;
    try {
      return await db.tx(async (tx): Promise<TurnResult> => {
        const [conv] = await tx.all(`SELECT version FROM conversations WHERE key = ?${db.forUpdate}`, [turn.key]);
        if ((conv ? num(conv.version) : 0) !== turn.expectedVersion) throw new Stale();
        let draftVersion: number | undefined;
        const d = turn.draft;
        if (d) {
          if (d.create) await this.insertDraft(tx, d.draftId, d.create);
          const [row] = await tx.all(`SELECT doc, version FROM drafts WHERE id = ?${db.forUpdate}`, [d.draftId]);
          if (!row) throw new StoreError(`草稿 ${d.draftId} 不存在`);
          draftVersion = num(row.version);
          if (d.changes.length || d.status) {
            const draft = applyChanges(JSON.parse(String(row.doc)) as Draft, d.changes, at);
            draftVersion = await this.write(tx, d.draftId, draftVersion, draft, d.changes, d.status);
          }
        }
        const version = turn.expectedVersion + 1;
        const state = JSON.stringify(turn.state);
        const n = conv
          ? await tx.run('UPDATE conversations SET state = ?, version = ?, updated_at = ? WHERE key = ? AND version = ?', [state, version, at, turn.key, turn.expectedVersion])
          : await tx.run('INSERT INTO conversations (key, state, version, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [turn.key, state, version, at]);
        if (n !== 1) throw new Stale();
        return draftVersion === undefined ? { ok: true, conversationVersion: version } : { ok: true, conversationVersion: version, draftVersion };
      });
    } catch (e) {
      if (e instanceof Stale) return { ok: false, reason: 'stale' };
      throw e;
    }
  }

  serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(key, fn);
  }

  async close() {
    await this.queue.drain();
    await this.db.close();
  }
}
