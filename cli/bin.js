#!/usr/bin/env node
// Entry point of `nianbao`: loads the TypeScript sources through tsx, so nothing has to be built first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
