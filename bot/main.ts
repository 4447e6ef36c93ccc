/** `npm run bot`: the bot server alone (Ctrl+C stops it). */
import { startBotServer, type BotServer } from './server.js';
import { StoreError } from './store/index.js';

let server: BotServer;
try {
  server = await startBotServer();
} catch (e) {
  // A store that cannot be opened (damaged, or owned by another process) is explained, not dumped as a stack.
  if (!(e instanceof StoreError)) throw e;
  console.error(e.message);
  process.exit(1);
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
