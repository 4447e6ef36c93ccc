// A worker thread started from the TypeScript sources (shared/thread-entry.ts): registers tsx in this thread, then
// loads the entry named in argv. The built code starts its dist/ entry instead.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
