/** `npm run bot`: the bot server alone (Ctrl+C stops it). */
import { startBotServer } from './server.js';

const server = await startBotServer();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
