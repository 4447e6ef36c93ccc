// The PDF thread when running from the TypeScript sources (the built code starts dist/pdf-worker.js instead): a
// worker does not inherit the main thread's tsx hooks, so it registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
