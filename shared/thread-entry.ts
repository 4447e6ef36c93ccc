/**
 * Where a worker thread of ours starts. The built code starts dist/<name>.js (an entry of scripts/build.ts); the
 * sources start dev-thread.js with the TypeScript entry in its argv: a worker does not inherit the main thread's
 * tsx hooks, so that script registers them in the thread first.
 */
export interface ThreadEntry {
  readonly script: URL;
  readonly argv: readonly string[];
}

export function threadEntry(name: string, source: URL): ThreadEntry {
  return process.env.NIANBAO_BUNDLE === 'dist'
    ? { script: new URL(`../dist/${name}.js`, import.meta.url), argv: [] }
    : { script: new URL('./dev-thread.js', import.meta.url), argv: [source.href] };
}
