/**
 * Several instances behind a load balancer without sticky sessions (issue 8 §6): two bot servers share one
 * PostgreSQL database; one web-chat conversation's messages reach both at the same moment. Every message is
 * applied in the order the conversation's transcript shows, each followed by its own replies, and either
 * instance serves that one transcript.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotServer, type BotServer } from '../../bot/server.js';
import { openStore } from '../../bot/store/index.js';
import { huaian2024 } from '../render/drafts.js';
import { DirectLineClient, type DlActivity } from './support/directline-client.js';

const pgUrl = process.env.NIANBAO_TEST_PG_URL;
if (process.env.CI === 'true' && !pgUrl) throw new Error('CI=true but NIANBAO_TEST_PG_URL is not set: PostgreSQL is required in CI');

const dirs: string[] = [];
const servers: BotServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Activity extends DlActivity { replyToId?: string }

async function transcript(c: DirectLineClient): Promise<Activity[]> {
  const out: Activity[] = [];
  let watermark = '';
  for (;;) {
    const res = await fetch(`${c.base}/conversations/${c.conversationId}/activities?watermark=${watermark}`, { headers: { authorization: `Bearer ${c.token}` } });
    const body = await res.json() as { activities: Activity[]; watermark: string };
    if (!body.activities.length) return out;
    out.push(...body.activities);
    watermark = body.watermark;
  }
}

describe.skipIf(!pgUrl)('two bot servers on one PostgreSQL', () => {
  it('messages of one conversation sent to both at once are applied in transcript order (30 rounds)', { timeout: 180_000 }, async () => {
    const env = { NIANBAO_BOT_SECRET: 'x'.repeat(40) };
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-lb-'));
      dirs.push(dataDir);
      servers.push(await startBotServer({ port: 0, dataDir, databaseUrl: pgUrl!, env, log: () => {} }));
    }
    const one = await DirectLineClient.start(servers[0]!.url);
    const two = one.moved(servers[1]!.url);
    await one.send('你好');
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(huaian2024())], { type: 'application/json' }), 'draft.json');
    form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
    expect((await fetch(`${one.base}/conversations/${one.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${one.token}` }, body: form })).status).toBe(200);

    const store = await openStore({ databaseUrl: pgUrl! });
    try {
      const user = (await transcript(one)).find((a) => a.from.role === 'user')!.from.id;
      const conv = await store.loadConversation(JSON.stringify(['directline', one.conversationId, user]));
      const draftId = (conv!.state as { draftId: string }).draftId;
      const original = huaian2024().narrative['overview.proactive']!;
      const post = (c: DirectLineClient, text: string) => fetch(`${c.base}/conversations/${c.conversationId}/activities`, {
        method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text }),
      }).then(async (r) => {
        expect(r.status).toBe(200);
        return ((await r.json()) as { id: string }).id;
      });

      let outOfOrder = 0;
      const started = performance.now();
      for (let round = 0; round < 30; round++) {
        await one.send('修改 overview.proactive');
        // the answer applied first fills the part; the other goes to the question after it
        const [a, b] = [`${original}（第${round}轮甲）`, `${original}（第${round}轮乙）`];
        const [idA, idB] = await Promise.all([post(one, a), post(two, b)]);
        const first = idA < idB ? a : b;
        const stored = (await store.loadDraft(draftId))!.draft.narrative['overview.proactive'];
        if (stored !== first) outOfOrder++;
      }
      const ms = performance.now() - started;
      console.log(`30 rounds over two instances: ${outOfOrder} out of order, ${Math.round(ms)} ms`);
      expect(outOfOrder).toBe(0);

      // either instance serves the one transcript; every reply follows the message it answers
      const [t1, t2] = [await transcript(one), await transcript(two)];
      expect(t2).toEqual(t1);
      expect(t1.map((x) => x.id)).toEqual([...t1.map((x) => x.id)].sort());
      let lastUser: string | undefined;
      for (const x of t1) {
        if (x.from.role === 'user') lastUser = x.id;
        else if (lastUser) expect(x.replyToId).toBe(lastUser); // (the greeting answers the join, before any message)
      }
      expect(t1.filter((x) => x.from.role === 'user')).toHaveLength(2 + 30 * 3);
    } finally {
      await store.close();
    }
  });
});
