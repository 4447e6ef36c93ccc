/** `npm run bench`: runs every bench/<area>.ts and prints its figures. `npm run bench -- rules addin` runs some. */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const areas = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => basename(f, '.ts'))
  .filter((a) => wanted.length === 0 || wanted.includes(a))
  .sort((a, b) => (a === 'rules' ? -1 : b === 'rules' ? 1 : a.localeCompare(b)));

console.log(`nianbao 基准测试 · Node ${process.version} · ${cpus()[0]?.model ?? '?'} × ${cpus().length}`);
let failed = false;
for (const area of areas) {
  const mod = (await import(join(here, `${area}.ts`))) as { bench?: () => Promise<Record<string, string | number>> };
  if (typeof mod.bench !== 'function') continue;
  try {
    const figures = await mod.bench();
    console.log(`\n[${area}]`);
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
  } catch (e) {
    failed = true;
    console.log(`\n[${area}] 失败：${(e as Error).stack ?? e}`);
  }
}
process.exitCode = failed ? 1 : 0;
