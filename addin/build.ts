/**
 * Builds the task pane into addin/dist: the bundle (esbuild, minified, office.js excluded), the HTML/CSS, and the
 * icons. `npm run build:addin`; the server and the tests call `buildAddin()` when dist is missing or stale.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { icon, ICON_SIZES } from './icons.js';

export const ADDIN_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(ADDIN_DIR, 'dist');

/** bundleBytes: the pane's own JavaScript (taskpane.js; office.js excluded); importerBytes: the on-demand importer. */
export interface BuildResult { outdir: string; bundleBytes: number; importerBytes: number; files: string[] }

/** What {{…}} in the static pages stands for: the package version and who to ask (NIANBAO_SUPPORT_CONTACT at build time). */
function pageValues(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ADDIN_DIR, '..', 'package.json'), 'utf8')) as { version: string };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return {
    version: esc(pkg.version),
    contact: esc(process.env.NIANBAO_SUPPORT_CONTACT ?? '本单位政务公开工作机构或信息化管理员（部署时用 NIANBAO_SUPPORT_CONTACT 写入联系方式）'),
  };
}

export async function buildAddin(options: { outdir?: string; minify?: boolean } = {}): Promise<BuildResult> {
  const outdir = options.outdir ?? DIST_DIR;
  await mkdir(join(outdir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { taskpane: join(ADDIN_DIR, 'src/boot.ts'), importer: join(ADDIN_DIR, 'src/importer-entry.ts') },
    outdir, bundle: true, format: 'iife', platform: 'browser', target: 'es2020',
    minify: options.minify ?? true, sourcemap: false, legalComments: 'none', charset: 'utf8', metafile: true,
    logLevel: 'silent',
  });
  const files: string[] = Object.keys(result.metafile.outputs);
  const page = pageValues();
  for (const f of await readdir(join(ADDIN_DIR, 'static'))) {
    // Pages carry the version and the support contact (help.html is the manifest's SupportUrl); the rest is copied.
    if (f.endsWith('.html')) await writeFile(join(outdir, f), (await readFile(join(ADDIN_DIR, 'static', f), 'utf8')).replace(/\{\{(\w+)\}\}/g, (m, k: string) => page[k] ?? m));
    else await copyFile(join(ADDIN_DIR, 'static', f), join(outdir, f));
    files.push(join(outdir, f));
  }
  for (const size of ICON_SIZES) {
    const p = join(outdir, 'assets', `icon-${size}.png`);
    await writeFile(p, icon(size));
    files.push(p);
  }
  const bundleBytes = (await stat(join(outdir, 'taskpane.js'))).size;
  const importerBytes = (await stat(join(outdir, 'importer.js'))).size;
  return { outdir, bundleBytes, importerBytes, files };
}

/** Builds unless dist has a bundle newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  const newest = async (dir: string): Promise<number> => {
    let t = 0;
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? await newest(p) : (await stat(p)).mtimeMs);
    }
    return t;
  };
  const built = await stat(join(DIST_DIR, 'taskpane.js')).then((s) => s.mtimeMs, () => 0);
  const sources = Math.max(await newest(join(ADDIN_DIR, 'src')), await newest(join(ADDIN_DIR, 'static')), await newest(join(ADDIN_DIR, '..', 'shared')));
  if (built < sources) await buildAddin();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await buildAddin();
  console.log(`任务窗格已构建：${r.outdir}（taskpane.js ${(r.bundleBytes / 1024).toFixed(1)} KB）`);
}
