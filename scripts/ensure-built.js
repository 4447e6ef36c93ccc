#!/usr/bin/env node
// Builds dist/ when it is missing or older than the sources (`prestart`, and cli/bin.js on a never-built
// checkout). Plain JavaScript so that it runs where tsx is not installed (npm ci --omit=dev): there a built dist/
// is used as it is, and a missing one is explained rather than crashing on a missing module.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build reads: a newer file in any of these makes dist/ stale. */
const SOURCES = ['cli', 'shared', 'bot', 'addin', 'start.ts', 'scripts', 'package.json'];
/** What the build writes (the first is the one whose age is compared). */
const OUTPUTS = ['dist/cli.js', 'dist/start.js', 'dist/bot.js'];

function newest(p) {
  let s;
  try { s = statSync(p); } catch { return 0; }
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    t = Math.max(t, newest(join(p, e.name)));
  }
  return t;
}

export function ensureBuilt({ log = console.error } = {}) {
  const built = OUTPUTS.every((f) => existsSync(join(ROOT, f))) ? statSync(join(ROOT, OUTPUTS[0])).mtimeMs : 0;
  let tsx;
  try { tsx = createRequire(join(ROOT, 'package.json')).resolve('tsx'); } catch { tsx = undefined; }
  if (!tsx) {
    if (built) return; // an installation without dev tools: the build it came with is what runs
    throw new Error('尚未构建，且未安装构建工具：请在完整安装（npm install）下运行 npm run build');
  }
  if (built && built >= Math.max(...SOURCES.map((s) => newest(join(ROOT, s))))) return;
  log(built ? '源代码有改动，正在重新构建…' : '首次运行，正在构建…');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build.ts')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`构建失败（退出码 ${r.status}）`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureBuilt();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
