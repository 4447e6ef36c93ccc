#!/usr/bin/env node
// Entry point of `nianbao`: loads the TypeScript sources through tsx, so nothing has to be built first.
import { register } from 'tsx/esm/api';

register();
// `nianbao check … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
