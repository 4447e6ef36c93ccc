/**
 * Two bot instances behind a load balancer share one PostgreSQL database: turns of one conversation that reach both
 * at once are serialised by the conversation version (the loser runs its turn again on the winner's result).
 */
import { describe, expect, it } from 'vitest';
import { createInterviewer } from '../../bot/engine/index.js';
import { openStore } from '../../bot/store/index.js';

const pgUrl = process.env.NIANBAO_TEST_PG_URL;
if (process.env.CI === 'true' && !pgUrl) throw new Error('CI=true but NIANBAO_TEST_PG_URL is not set: PostgreSQL is required in CI');

describe.skipIf(!pgUrl)('two instances on PostgreSQL', () => {
  it('answers sent to both instances at once are all kept, in one order', { timeout: 30_000 }, async () => {
    const [s1, s2] = [await openStore({ databaseUrl: pgUrl! }), await openStore({ databaseUrl: pgUrl! })];
    try {
      const [a, b] = [createInterviewer(s1), createInterviewer(s2)];
      const key = { channelId: 'test', userId: 'u', conversationId: `lb-${Date.now()}-${Math.random()}` };
      const agency = `负载均衡测试局${Math.random().toString(36).slice(2, 8)}`;
      for (const text of ['你好', agency, '2024', '部门', '某路1号', '264200', '0631-1234567', '有数字要填']) await a.handle(key, { text });
      // six numbers for the six cells of 第二十条第（一）项, sent three to each instance at the same moment
      const numbers = ['1', '2', '3', '4', '5', '6'];
      await Promise.all(numbers.map((n, i) => (i % 2 ? b : a).handle(key, { text: n })));
      const conv = await s1.loadConversation(JSON.stringify([key.channelId, key.conversationId, key.userId]));
      const state = conv!.state as { draftId: string; current: string };
      const d = (await s1.loadDraft(state.draftId))!.draft;
      const block = ['t2.rules.issued', 't2.rules.repealed', 't2.rules.in-force', 't2.normative.issued', 't2.normative.repealed', 't2.normative.in-force'];
      expect(block.map((id) => d.cells[id]).sort()).toEqual(numbers);
      expect(state.current).not.toMatch(/^t2\.(rules|normative)\./);
      const history = await s1.history(state.draftId);
      expect(history.filter((h) => block.includes(h.path.slice(6))).length).toBe(6);
    } finally {
      await s1.close();
      await s2.close();
    }
  });
});
