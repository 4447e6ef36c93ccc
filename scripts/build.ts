/**
 * `npm run build`: bundles what runs in production into dist/ (git-ignored), so nothing compiles TypeScript at run
 * time: the CLI (dist/cli.js, run by cli/bin.js), both servers together (dist/start.js, `npm start`), the bot alone
 * (dist/bot.js, `npm run bot`), and the task pane (addin/build.ts, into addin/dist where the add-in server reads it).
 *
 * What stays outside the bundles, and why (kept generic so new code builds without touching this file):
 * - every package in `dependencies` except BUNDLED: they are installed in production anyway, and several ship files
 *   that must stay beside their code (pdfjs-dist's worker, node-sqlite3-wasm's .wasm, word-extractor, botbuilder's
 *   dynamic requires). BUNDLED are small pure-ESM packages on the CLI's start path (one file parses faster than a tree).
 * - `import.meta.url` in our sources is rewritten to the source file's own URL, so code that finds files beside its
 *   source (bot/web, addin/dist, manifest.xml, node_modules through createRequire) finds them from dist/ too.
 * - a devDependency imported by run-time code fails the build (it would be missing after `npm ci --omit=dev`),
 *   except LAZY ones, replaced by a module that imports them only when called (the add-in server's stale check may
 *   rebuild the pane in a source checkout; in production the pane is already built and esbuild is never loaded).
 */
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAddin } from '../addin/build.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'dist');

/**
 * Output name → source entry, in groups bundled separately: code shared inside a group goes to common chunks,
 * nothing is shared across groups, so the CLI's start loads no chunk that the servers' code made bigger.
 */
export const ENTRY_GROUPS: readonly Record<string, string>[] = [
  {
    cli: 'cli/run.ts',
    /** The batch audit's worker thread (cli/audit/pool.ts starts it by this name, through shared/thread-entry.ts). */
    'audit-worker': 'cli/audit/worker.ts',
    /** The thread that reads PDFs (shared/import/pdf/thread.ts starts it by this name). */
    'pdf-worker': 'shared/import/pdf/worker.ts',
  },
  { start: 'start.ts', bot: 'bot/main.ts' },
];
export const ENTRIES: Record<string, string> = Object.assign({}, ...ENTRY_GROUPS);

const BUNDLED = new Set(['zod', 'fflate']);
/** devDependency → the named exports run-time code may call (loaded on first call). */
const LAZY: Record<string, readonly string[]> = { esbuild: ['build'] };

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>; devDependencies?: Record<string, string>;
};
const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

const packages: Plugin = {
  name: 'nianbao-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = packageName(args.path);
      if (pkg.dependencies?.[name]) return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
      if (LAZY[name]) return { path: name, namespace: 'lazy' };
      if (pkg.devDependencies?.[name]) {
        return { errors: [{ text: `运行时代码引用了开发依赖 ${name}（${relative(ROOT, args.importer)}）：npm ci --omit=dev 之后将无法运行，请移到 dependencies` }] };
      }
      return undefined; // a Node built-in without the node: prefix, or a package's own dependency
    });
    // shared/ does no I/O and registers nothing at load time: a module of it that nothing uses is left out even
    // when an index re-exports it (the CLI's `check` does not load the importer for a draft JSON).
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'inner' });
      if (r.errors.length || !r.path.startsWith(join(ROOT, 'shared') + sep)) return undefined;
      return { ...r, sideEffects: false };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: LAZY[args.path]!.map((f) => `export const ${f} = async (...a) => (await import(${JSON.stringify(args.path)})).${f}(...a);`).join('\n'),
      loader: 'js',
    }));
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      // Every bundle sits directly in dist/, so the source is at the same relative place from any of them.
      const rel = relative(OUT, args.path).split(sep).join('/');
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      const contents = text
        .replace(/import\.meta\.url/g, url)
        .replace(/import\.meta\.dirname/g, `__nianbao_dirname(${url})`)
        .replace(/import\.meta\.filename/g, `__nianbao_filename(${url})`);
      return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
    });
  },
};

export interface BuildSummary { outdir: string; files: { file: string; bytes: number }[]; seconds: number }

export async function buildAll(options: { outdir?: string } = {}): Promise<BuildSummary> {
  const outdir = options.outdir ?? OUT;
  const t0 = performance.now();
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const results = await Promise.all(ENTRY_GROUPS.map((group) => build({
    entryPoints: Object.fromEntries(Object.entries(group).map(([k, v]) => [k, join(ROOT, v)])),
    outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    minify: true, keepNames: true, sourcemap: 'linked', legalComments: 'none', charset: 'utf8', metafile: true,
    logLevel: 'warning', plugins: [packages],
    // Lets code tell the bundle from the sources (cli/audit/pool.ts picks its worker script by it).
    define: { 'process.env.NIANBAO_BUNDLE': '"dist"' },
    banner: {
      // Bundled CommonJS code may call require(); import.meta.dirname/filename of the sources (see the plugin).
      js: [
        "import { createRequire as __nianbao_cr } from 'node:module';",
        "import { fileURLToPath as __nianbao_fp } from 'node:url';",
        "import { dirname as __nianbao_dn } from 'node:path';",
        'const require = __nianbao_cr(import.meta.url);',
        'const __nianbao_filename = (u) => __nianbao_fp(u), __nianbao_dirname = (u) => __nianbao_dn(__nianbao_fp(u));',
      ].join(''),
    },
  })));
  // Marks dist/ as an ES module tree whatever the package says, and records what it was built from.
  await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');
  const pane = await buildAddin();
  const files = await Promise.all(results.flatMap((r) => Object.keys(r.metafile.outputs)).filter((f) => f.endsWith('.js'))
    .map(async (f) => ({ file: relative(ROOT, f), bytes: (await stat(f)).size })));
  files.push({ file: relative(ROOT, join(pane.outdir, 'taskpane.js')), bytes: pane.bundleBytes });
  return { outdir, files, seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await buildAll();
  for (const f of r.files) if (ENTRIES[f.file.replace(/^dist\/|\.js$/g, '')] || f.file.startsWith('addin')) console.log(`  ${f.file.padEnd(24)} ${(f.bytes / 1024).toFixed(1)} KB`);
  console.log(`已构建到 ${relative(ROOT, r.outdir)}/（${r.files.length} 个脚本，${r.seconds.toFixed(1)} 秒）`);
}
