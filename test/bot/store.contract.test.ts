/** One contract, two backends: the embedded SQLite store and PostgreSQL (NIANBAO_TEST_PG_URL; required in CI). */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../shared/index.js';
import { openStore, type Store } from '../../bot/store/index.js';

const pgUrl = process.env.NIANBAO_TEST_PG_URL;
if (process.env.CI === 'true' && !pgUrl) throw new Error('CI=true but NIANBAO_TEST_PG_URL is not set: PostgreSQL is required in CI');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Backend {
  name: string;
  /** Opens a store; `same` reopens the location of an earlier one. */
  open(same?: string): Promise<{ store: Store; where: string }>;
}

const sqliteBackend: Backend = {
  name: 'sqlite',
  async open(same) {
    const where = same ?? mkdtempSync(join(tmpdir(), 'nianbao-store-'));
    if (!same) dirs.push(where);
    return { store: await openStore({ dataDir: where }), where };
  },
};
const pgBackend: Backend = {
  name: 'postgres',
  async open() {
    return { store: await openStore({ databaseUrl: pgUrl! }), where: pgUrl! };
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
