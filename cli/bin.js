#!/usr/bin/env node
// Entry point of `nianbao`: runs the built CLI (dist/cli.js, `npm run build`). A source checkout that was never
// built builds first. NIANBAO_FROM_SOURCE=1 runs the TypeScript sources through tsx instead (the tests do, so
// they test the sources, not a possibly older build).
import { existsSync } from 'node:fs';

if (process.env.NIANBAO_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./run.ts');
} else {
  const built = new URL('../dist/cli.js', import.meta.url);
  if (!existsSync(built)) {
    try {
      (await import('../scripts/ensure-built.js')).ensureBuilt({ log: (s) => process.stderr.write(`${s}\n`) });
    } catch (e) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
  }
  await import(built.href);
}
