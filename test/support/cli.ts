/**
 * Runs `nianbao` as a user does: the real bin script in a child process, on the TypeScript sources
 * (NIANBAO_FROM_SOURCE=1; test/cli/built.test.ts runs the built bin).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const BIN = join(import.meta.dirname, '../../cli/bin.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Exit status and output of `nianbao ...args` run in `cwd`; a non-zero exit is a result, not a failure. */
export async function runNianbao(cwd: string | undefined, ...args: string[]): Promise<CliRun> {
  try {
    const env = { ...process.env, NIANBAO_FROM_SOURCE: '1' };
    const { stdout, stderr } = await exec('node', [BIN, ...args], { encoding: 'utf8', env, ...(cwd ? { cwd } : {}) });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
