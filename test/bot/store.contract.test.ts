/** One contract, two backends: the embedded SQLite store and PostgreSQL (NIANBAO_TEST_PG_URL; required in CI). */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../shared/index.js';
import sqlite from 'node-sqlite3-wasm';
import pg from 'pg';
import { openStore, type Store } from '../../bot/store/index.js';

const pgUrl = process.env.NIANBAO_TEST_PG_URL;
if (process.env.CI === 'true' && !pgUrl) throw new Error('CI=true but NIANBAO_TEST_PG_URL is not set: PostgreSQL is required in CI');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Backend {
  name: string;
  /** Opens a store; `same` reopens the location of an earlier one. */
  open(same?: string): Promise<{ store: Store; where: string }>;
  /** A location holding a store of the schema before drafts had owners, with statements run in it. */
  legacy(statements: readonly string[]): Promise<string>;
}

/** The tables as they were before owners, members, authors, kept versions and stored transcripts. */
const LEGACY_SCHEMA = (serial: string) => [
  `CREATE TABLE drafts (id TEXT PRIMARY KEY, agency_name TEXT NOT NULL, year INTEGER NOT NULL,
     doc TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX drafts_agency_year ON drafts (agency_name, year)`,
  `CREATE TABLE answers (seq ${serial}, draft_id TEXT NOT NULL, path TEXT NOT NULL, value TEXT,
     version INTEGER NOT NULL, at TEXT NOT NULL)`,
  `CREATE INDEX answers_draft_path ON answers (draft_id, path, seq)`,
  `CREATE TABLE conversations (key TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL)`,
];

const sqliteBackend: Backend = {
  name: 'sqlite',
  async open(same) {
    const where = same ?? mkdtempSync(join(tmpdir(), 'nianbao-store-'));
    if (!same) dirs.push(where);
    return { store: await openStore({ dataDir: where }), where };
  },
  async legacy(statements) {
    const where = mkdtempSync(join(tmpdir(), 'nianbao-legacy-'));
    dirs.push(where);
    const db = new sqlite.Database(join(where, 'nianbao.sqlite'));
    for (const s of [...LEGACY_SCHEMA('INTEGER PRIMARY KEY AUTOINCREMENT'), ...statements]) db.exec(s);
    db.close();
    return where;
  },
};
const pgBackend: Backend = {
  name: 'postgres',
  async open(same) {
    return { store: await openStore({ databaseUrl: same ?? pgUrl! }), where: same ?? pgUrl! };
  },
  async legacy(statements) {
    // a schema of its own, so that the shared test database's tables are not the ones migrated
    const schema = `legacy_${randomUUID().replace(/-/g, '')}`;
    const c = new pg.Client({ connectionString: pgUrl! });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.query(`SET search_path TO ${schema}`);
      for (const s of [...LEGACY_SCHEMA('BIGSERIAL PRIMARY KEY'), ...statements]) await c.query(s);
    } finally {
      await c.end();
    }
    const u = new URL(pgUrl!);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.toString();
  },
};

const backends = [sqliteBackend, ...(pgUrl ? [pgBackend] : [])];
if (!pgUrl) describe.skip('postgres (NIANBAO_TEST_PG_URL not set)', () => it('skipped', () => undefined));

const agency = () => `测试局${randomUUID().slice(0, 8)}`;

describe.each(backends)('store contract: $name', (backend) => {
  it('stores a draft, applies answers with history, and restores an earlier answer', async () => {
    const { store } = await backend.open();
    try {
      const name = agency();
      const { draftId, version } = await store.createDraft(emptyDraft(2024, name, 'government'));
      expect(version).toBe(1);
      await store.applyChanges(draftId, [{ path: 'narrative.overview.proactive', value: '第一版' }]);
      await store.applyChanges(draftId, [{ path: 'narrative.overview.proactive', value: '第二版' }]);
      const h = await store.history(draftId, 'narrative.overview.proactive');
      expect(h.map((e) => e.value)).toEqual(['第一版', '第二版']);
      const restored = await store.applyChanges(draftId, [{ path: 'narrative.overview.proactive', value: h[0]!.value }]);
      expect(restored.draft.narrative['overview.proactive']).toBe('第一版');
      expect(restored.version).toBe(4);
      const loaded = await store.loadDraft(draftId);
      expect(loaded?.draft.narrative['overview.proactive']).toBe('第一版');
      expect(loaded?.draft.agency).toMatchObject({ name, level: 'government' });
      expect((await store.history(draftId)).length).toBe(3);
      expect((await store.findDrafts(name, 2024)).map((d) => d.draftId)).toEqual([draftId]);
      await store.setStatus(draftId, 'finished');
      expect(await store.findDrafts(name, 2024)).toEqual([]);
      expect((await store.findDrafts(name, 2024, 'any'))[0]?.status).toBe('finished');
    } finally {
      await store.close();
    }
  });

  it('keeps every answer of concurrent writers on the same draft (two store instances where the backend allows)', async () => {
    const a = await backend.open();
    const b = backend.name === 'postgres' ? await backend.open() : a;
    try {
      const { draftId } = await a.store.createDraft(emptyDraft(2023, agency()));
      const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'];
      const rows = ['new', 'carried', 'granted', 'partial', 'denied.secret'];
      const writes = rows.flatMap((r, i) => cols.map((c, j) => ({ path: `cells.t3.${r}.${c}`, value: String(i * 10 + j) })));
      const results = await Promise.all(writes.map((w, i) => (i % 2 ? b.store : a.store).applyChanges(draftId, [w])));
      const loaded = await a.store.loadDraft(draftId);
      for (const w of writes) expect(loaded?.draft.cells[w.path.slice(6)]).toBe(w.value);
      expect(loaded?.version).toBe(1 + writes.length);
      expect(new Set(results.map((r) => r.version)).size).toBe(writes.length);
      expect((await a.store.history(draftId)).length).toBe(writes.length);
    } finally {
      await a.store.close();
      if (b !== a) await b.store.close();
    }
  });

  it('refuses a whole-draft save on a stale version, and merges answers written on a stale read', async () => {
    const { store } = await backend.open();
    try {
      const { draftId } = await store.createDraft(emptyDraft(2022, agency()));
      const first = await store.loadDraft(draftId);
      await store.applyChanges(draftId, [{ path: 'agency.phone', value: '0631-1234567' }]);
      const stale = await store.saveDraft(draftId, { ...first!.draft, narrative: { 'other.misc': '无' } }, first!.version);
      expect(stale).toEqual({ ok: false, version: 2 });
      const fresh = await store.loadDraft(draftId);
      const ok = await store.saveDraft(draftId, { ...fresh!.draft, narrative: { 'other.misc': '无' } }, fresh!.version);
      expect(ok).toEqual({ ok: true, version: 3 });
      const end = await store.loadDraft(draftId);
      expect(end?.draft.agency.phone).toBe('0631-1234567');
      expect(end?.draft.narrative['other.misc']).toBe('无');
      expect((await store.history(draftId, 'narrative.other.misc')).map((h) => h.value)).toEqual(['无']);
    } finally {
      await store.close();
    }
  });

  it('serialises turns: one commit wins per conversation version, the loser is told it is stale', async () => {
    const a = await backend.open();
    const b = backend.name === 'postgres' ? await backend.open() : a;
    try {
      const key = `test|${randomUUID()}`;
      const { draftId } = await a.store.createDraft(emptyDraft(2024, agency()));
      const results = await Promise.all([a.store, b.store, a.store, b.store].map((s, i) =>
        s.commitTurn({ key, state: { q: `q${i}` }, expectedVersion: 0, draft: { draftId, changes: [{ path: `narrative.other.misc`, value: `答${i}` }] } })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(3).fill({ ok: false, reason: 'stale' }));
      const conv = await a.store.loadConversation(key);
      expect(conv?.version).toBe(1);
      const winner = Number(String((conv?.state as { q: string }).q).slice(1));
      expect((await a.store.loadDraft(draftId))?.draft.narrative['other.misc']).toBe(`答${winner}`);
      // the loser re-reads and retries on the new version
      const retry = await b.store.commitTurn({ key, state: { q: 'next' }, expectedVersion: 1 });
      expect(retry).toEqual({ ok: true, conversationVersion: 2 });
      // per-key in-process queue keeps order
      const order: number[] = [];
      await Promise.all([0, 1, 2, 3].map((i) => a.store.serialize(key, async () => {
        await new Promise((r) => setTimeout(r, 5 - i));
        order.push(i);
      })));
      expect(order).toEqual([0, 1, 2, 3]);
    } finally {
      await a.store.close();
      if (b !== a) await b.store.close();
    }
  });

  it('creates a draft inside a turn and finds everything again after close and reopen', async () => {
    const first = await backend.open();
    const key = `test|${randomUUID()}`;
    const draftId = randomUUID();
    const name = agency();
    const r = await first.store.commitTurn({
      key, state: { current: 'overview.proactive', draftId }, expectedVersion: 0,
      draft: { draftId, create: emptyDraft(2021, name), changes: [{ path: 'cells.t4.review.upheld', value: '2' }] },
    });
    expect(r).toEqual({ ok: true, conversationVersion: 1, draftVersion: 2 });
    await first.store.close();
    const again = await backend.open(first.where);
    try {
      expect(await again.store.loadConversation(key)).toEqual({ state: { current: 'overview.proactive', draftId }, version: 1 });
      const d = await again.store.loadDraft(draftId);
      expect(d?.draft.cells['t4.review.upheld']).toBe('2');
      expect(d?.draft.agency.name).toBe(name);
      expect(d?.version).toBe(2);
    } finally {
      await again.store.close();
    }
  });
});

describe.each(backends)('store contract, owners and transcripts: $name', (backend) => {
  it('records owners, members and the author of every answer; a sharing code is used once and expires', async () => {
    const { store } = await backend.open();
    try {
      const name = agency();
      // code hashes unique per run: the PostgreSQL test database outlives a run
      const [h1, hOld, hUnknown] = ['hash-1', 'hash-old', 'hash-unknown'].map((x) => `${x}-${randomUUID()}`) as [string, string, string];
      const { draftId } = await store.createDraft(emptyDraft(2024, name), undefined, 'dl:owner');
      await store.createDraft(emptyDraft(2024, name), undefined, 'dl:other');
      const found = await store.findDrafts(name, 2024);
      expect(found.map((d) => d.owner).sort()).toEqual(['dl:other', 'dl:owner']);
      expect(found.every((d) => d.members.length === 0)).toBe(true);
      await store.addShareCode(draftId, h1, 'dl:owner', new Date(Date.now() + 60_000));
      await store.addShareCode(draftId, hOld, 'dl:owner', new Date(Date.now() - 1));
      expect(await store.redeemShareCode(hOld, 'dl:colleague', new Date())).toBeUndefined();
      expect(await store.redeemShareCode(hUnknown, 'dl:colleague', new Date())).toBeUndefined();
      expect(await store.redeemShareCode(h1, 'dl:colleague', new Date())).toEqual({ draftId });
      expect(await store.redeemShareCode(h1, 'dl:colleague', new Date())).toEqual({ draftId }); // a retried turn
      expect(await store.redeemShareCode(h1, 'dl:third', new Date())).toBeUndefined();
      expect(await store.access(draftId)).toEqual({ owner: 'dl:owner', members: ['dl:colleague'] });
      expect((await store.findDrafts(name, 2024)).find((d) => d.draftId === draftId)?.members).toEqual(['dl:colleague']);

      const key = `test|${randomUUID()}`;
      await store.commitTurn({ key, state: {}, expectedVersion: 0, actor: 'dl:colleague', draft: { draftId, changes: [{ path: 'cells.t4.review.upheld', value: '1' }] } });
      await store.applyChanges(draftId, [{ path: 'cells.t4.review.upheld', value: '2' }], 'dl:owner');
      expect((await store.history(draftId)).map((h) => [h.value, h.actor])).toEqual([['1', 'dl:colleague'], ['2', 'dl:owner']]);
    } finally {
      await store.close();
    }
  });

  it('a turn stores its actor\'s display name and the colleagues it invites (by whom), once each', async () => {
    const { store } = await backend.open();
    try {
      // identities unique per run: the PostgreSQL test database outlives a run
      const run = randomUUID().slice(0, 8);
      const [owner, wang, zhao] = ['owner', 'wang', 'zhao'].map((x) => `teams:t-${run}:${x}`) as [string, string, string];
      const { draftId } = await store.createDraft(emptyDraft(2024, agency()), undefined, owner);
      const key = `test|${randomUUID()}`;
      const invite = [{ principal: wang, name: '王科员' }, { principal: zhao }];
      expect((await store.commitTurn({ key, state: {}, expectedVersion: 0, actor: owner, actorName: '李文书', draft: { draftId, changes: [], invite } })).ok).toBe(true);
      // the same invitation again (a retried turn) adds nobody twice; a new name replaces the old one
      expect((await store.commitTurn({ key, state: {}, expectedVersion: 1, actor: owner, actorName: '李文书（科长）', draft: { draftId, changes: [], invite } })).ok).toBe(true);
      expect(await store.access(draftId)).toEqual({ owner, members: [wang, zhao].sort() });
      expect(await store.names([owner, wang, zhao, 'nobody'])).toEqual(new Map([[owner, '李文书（科长）'], [wang, '王科员']]));
      expect(await store.names([])).toEqual(new Map());
    } finally {
      await store.close();
    }
  });

  it('keeps the version a turn names for its download link', async () => {
    const { store } = await backend.open();
    try {
      const { draftId } = await store.createDraft(emptyDraft(2024, agency()), undefined, 'dl:o');
      const key = `test|${randomUUID()}`;
      const r = await store.commitTurn({ key, state: {}, expectedVersion: 0, draft: { draftId, changes: [{ path: 'narrative.other.misc', value: '第一版' }], status: 'finished', keep: true } });
      expect(r).toMatchObject({ ok: true, draftVersion: 2 });
      await store.applyChanges(draftId, [{ path: 'narrative.other.misc', value: '第二版' }]);
      expect((await store.loadDraftVersion(draftId, 2))?.narrative['other.misc']).toBe('第一版');
      expect((await store.loadDraftVersion(draftId, 3))?.narrative['other.misc']).toBe('第二版');
      expect(await store.loadDraftVersion(draftId, 1)).toBeUndefined(); // never kept
    } finally {
      await store.close();
    }
  });

  it('stores a Direct Line transcript in order, trims the oldest, replays it after reopening and sweeps idle ones', async () => {
    const first = await backend.open();
    const conv = `dl-${randomUUID()}`;
    expect(await first.store.transcriptEnd(conv)).toBeUndefined();
    let end = 0;
    for (let i = 0; i < 12; i++) end = await first.store.appendTranscript(conv, end, [{ text: `问${i}` }, { text: `答${i}` }], 20);
    expect(end).toBe(24);
    await first.store.close();
    const again = await backend.open(first.where);
    try {
      expect(await again.store.transcriptEnd(conv)).toBe(24);
      const all = await again.store.readTranscript(conv, 0, 100);
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5)); // the newest 20
      expect((await again.store.readTranscript(conv, 22, 100)).map((e) => e.activity)).toEqual([{ text: '问11' }, { text: '答11' }]);
      expect(await again.store.readTranscript(conv, 0, 3)).toHaveLength(3);
      // appended to after reopening: the end it gives is the stored one, and a sweep that takes the transcript away
      // leaves no end behind (SQLite keeps ends in memory)
      expect(await again.store.appendTranscript(conv, 24, [{ text: '问12' }, { text: '答12' }], 20)).toBe(26);
      expect(await again.store.transcriptEnd(conv)).toBe(26);
      expect((await again.store.readTranscript(conv, 24, 100)).map((e) => [e.seq, JSON.parse(e.json)])).toEqual([[25, { text: '问12' }], [26, { text: '答12' }]]);
      expect(await again.store.sweepTranscripts(new Date(Date.now() - 3600_000))).toBe(0);
      expect(await again.store.sweepTranscripts(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
      expect(await again.store.transcriptEnd(conv)).toBeUndefined();
      expect(await again.store.readTranscript(conv, 0, 100)).toEqual([]);
    } finally {
      await again.store.close();
    }
  });

  it('serialize runs one call per key at a time across instances, and a nested key needs no second lock', { timeout: 30_000 }, async () => {
    const a = await backend.open();
    const b = backend.name === 'postgres' ? await backend.open() : a;
    try {
      const key = `test|${randomUUID()}`;
      let inside = 0;
      let overlaps = 0;
      const order: number[] = [];
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? b : a).store.serialize(key, async () => {
        if (++inside > 1) overlaps++;
        await new Promise((r) => setTimeout(r, 2));
        order.push(i);
        inside--;
      })));
      expect(overlaps).toBe(0);
      expect(order).toHaveLength(30);
      // more conversations at once than the lock pool has connections, each taking a nested key: no deadlock
      const done = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).store.serialize(`outer|${key}|${i}`, () =>
        (i % 2 ? b : a).store.serialize(`inner|${key}|${i}`, async () => (await (i % 2 ? b : a).store.transcriptEnd(`none-${i}`)) ?? i))));
      expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await a.store.close();
      if (b !== a) await b.store.close();
    }
  });

  it('migrates a store from before owners: old drafts keep working for the conversations attached, which then own them', async () => {
    const doc = JSON.stringify({ ...emptyDraft(2023, '旧单位'), narrative: { 'other.misc': '旧答案' } });
    const state = JSON.stringify({ v: 1, current: 'overview.proactive', draftId: 'old-draft', start: {}, gates: {}, skipped: [], accepted: [] });
    const where = await backend.legacy([
      `INSERT INTO drafts (id, agency_name, year, doc, version, status, updated_at) VALUES ('old-draft', '旧单位', 2023, '${doc}', 2, 'open', '2025-01-01T00:00:00.000Z')`,
      `INSERT INTO answers (draft_id, path, value, version, at) VALUES ('old-draft', 'narrative.other.misc', '旧答案', 2, '2025-01-01T00:00:00.000Z')`,
      `INSERT INTO conversations (key, state, version, updated_at) VALUES ('["directline","c1","dl_old"]', '${state}', 3, '2025-01-01T00:00:00.000Z')`,
    ]);
    const { store } = await backend.open(where);
    try {
      expect((await store.loadDraft('old-draft'))?.draft.narrative['other.misc']).toBe('旧答案');
      expect(await store.access('old-draft')).toEqual({ members: [] });
      expect((await store.history('old-draft'))[0]).not.toHaveProperty('actor');
      const r = await store.commitTurn({
        key: '["directline","c1","dl_old"]', state: JSON.parse(state), expectedVersion: 3, actor: 'dl:dl_old', claim: 'old-draft',
        draft: { draftId: 'old-draft', changes: [{ path: 'narrative.other.misc', value: '新答案' }] },
      });
      expect(r).toMatchObject({ ok: true, draftVersion: 3 });
      expect(await store.access('old-draft')).toEqual({ owner: 'dl:dl_old', members: [] });
      // a later claim by another attached conversation does not take it over
      await store.commitTurn({ key: 'other', state: {}, expectedVersion: 0, actor: 'dl:someone', claim: 'old-draft' });
      expect((await store.access('old-draft'))?.owner).toBe('dl:dl_old');
    } finally {
      await store.close();
    }
    // opening again finds the migration done
    const again = await backend.open(where);
    await again.store.close();
  });
});

describe('embedded store: data directory ownership', () => {
  it('takes over from a killed owner (stale pid and VFS lock directory) and refuses a second opening in-process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-owner-'));
    dirs.push(dir);
    const s1 = await openStore({ dataDir: dir });
    const { draftId } = await s1.createDraft(emptyDraft(2024, '某局'));
    await s1.close();
    writeFileSync(join(dir, 'owner.pid'), '999999999');
    mkdirSync(join(dir, 'nianbao.sqlite.lock'));
    const s2 = await openStore({ dataDir: dir });
    expect((await s2.loadDraft(draftId))?.draft.agency.name).toBe('某局');
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/已在本进程中打开/);
    await s2.close();
    expect(existsSync(join(dir, 'owner.pid'))).toBe(false);
    // a pid file naming a live but unrelated process no longer blocks (the lock is a socket: see store.integrity)
    writeFileSync(join(dir, 'owner.pid'), String(process.ppid));
    const s3 = await openStore({ dataDir: dir });
    await s3.close();
  });
});
