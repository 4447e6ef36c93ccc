/**
 * A bot process for the restart test: the engine on the embedded store in the data directory given as argv[2].
 * Reads one JSON turn per stdin line ({ text } or { value }), writes the replies as one JSON line each turn.
 */
import { createInterface } from 'node:readline';
import { createInterviewer } from '../../../bot/engine/index.js';
import { openStore } from '../../../bot/store/index.js';

const store = await openStore({ dataDir: process.argv[2]! });
const bot = createInterviewer(store);
const key = { channelId: 'test', userId: 'clerk', conversationId: 'restart' };
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const replies = await bot.handle(key, JSON.parse(line) as { text?: string });
  process.stdout.write(`${JSON.stringify(replies)}\n`);
}
await store.close();
