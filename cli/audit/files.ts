/** The files a batch check covers: named files as given, directories walked recursively in name order. */
import { opendir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';

export interface InputFile {
  /** Absolute path. */
  readonly path: string;
  /** As the user knows it: the argument as typed, or the directory as typed joined with the file's path in it. */
  readonly name: string;
}

export interface Inputs {
  /** In the order given; a directory's files sorted by name, depth first. */
  readonly files: readonly InputFile[];
  /** Files met in directories whose type no loader reads (left out of the batch, counted for the user). */
  readonly skipped: number;
  /** Whether any argument was a directory (the batch form: summary table at the end). */
  readonly hadDirectory: boolean;
}

async function* walk(dir: string, extensions: ReadonlySet<string>, skipped: { n: number }): AsyncGenerator<string> {
  const names: { name: string; dir: boolean }[] = [];
  for await (const e of await opendir(dir)) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) names.push({ name: e.name, dir: true });
    else {
      // Any other entry with a report's extension is in the batch, also a named pipe or a device: the loader
      // reports it as unreadable (exit status 2) instead of the batch silently leaving it out.
      if (extensions.has(extname(e.name).toLowerCase())) names.push({ name: e.name, dir: false });
      else skipped.n++;
    }
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const p = join(dir, n.name);
    if (n.dir) yield* walk(p, extensions, skipped);
    else yield p;
  }
}

/**
 * Expands the command line's paths. A named file is kept even if it does not exist or has an unknown type, so
 * that the loader reports it (exit status 2); a directory contributes only the files some loader reads.
 */
export async function collectInputs(paths: readonly string[], cwd: string, extensions: readonly string[]): Promise<Inputs> {
  const exts = new Set(extensions);
  const files: InputFile[] = [];
  const skipped = { n: 0 };
  let hadDirectory = false;
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
    if (!isDir) {
      files.push({ path: abs, name: p });
      continue;
    }
    hadDirectory = true;
    for await (const f of walk(abs, exts, skipped)) files.push({ path: f, name: join(p, relative(abs, f)) });
  }
  return { files, skipped: skipped.n, hadDirectory };
}
