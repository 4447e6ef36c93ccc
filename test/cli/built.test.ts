/** The CLI as it ships: `npm run build`, then the bin runs dist/cli.js (no TypeScript compiled at run time). */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, OUT } from '../../scripts/build.js';
import { BIN, runNianbao } from '../support/cli.js';
import { buildDraft, natural } from '../support/drafts.js';

const exec = promisify(execFile);

async function built(...args: string[]) {
  const env = { ...process.env };
  delete env.NIANBAO_FROM_SOURCE;
  try {
    const { stdout, stderr } = await exec('node', [BIN, ...args], { encoding: 'utf8', env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  await buildAll();
  dir = mkdtempSync(join(tmpdir(), 'nianbao-built-'));
}, 60_000);

describe('the built CLI', () => {
  it('holds no TypeScript loader and no source path the bin would compile', () => {
    const js = readdirSync(OUT).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(OUT, f), 'utf8')).join('\n');
    expect(js).not.toMatch(/from\s*["']tsx/);
    expect(js).not.toMatch(/from\s*["'][^"']*\.ts["']/);
  });

  it('checks a draft exactly as the sources do', async () => {
    const p = join(dir, 'bad.json');
    writeFileSync(p, JSON.stringify(buildDraft({ year: 2024, agency: '某区教育局', t3: { new: natural(7), granted: natural(7), total: [8, 0, 0, 0, 0, 0, 8] } })));
    const [b, s] = await Promise.all([built('check', p), runNianbao(undefined, 'check', p)]);
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('三、本年度办理结果（七）总计·自然人 应为 7（＝各办理结果之和），实为 8');
    expect(b).toEqual(s);
    const json = await built('check', '--json', p);
    expect(JSON.parse(json.stdout).findings.length).toBeGreaterThan(0);
  });

  it('answers --help and an unknown command', async () => {
    const help = await built('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法：nianbao <命令>');
    expect((await built('nosuch')).code).toBe(2);
  });
});
