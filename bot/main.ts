/** `npm run bot`: the bot server alone (Ctrl+C stops it). */
import { startBotServer } from './server.js';
import { StoreError } from './store/index.js';

const starting = startBotServer();
// Handlers first: a SIGTERM that arrives while the server is still starting (it printed its address already)
// waits for the start and then closes cleanly, instead of the default of dying on the spot.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void starting.then((server) => server.close(), () => undefined).then(() => process.exit(0));
  });
}
try {
  await starting;
} catch (e) {
  // A store that cannot be opened (damaged, or owned by another process) is explained, not dumped as a stack.
  if (!(e instanceof StoreError)) throw e;
  console.error(e.message);
  process.exit(1);
}
