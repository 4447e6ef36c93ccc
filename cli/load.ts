/** Reads an input file by its extension into a draft plus the findings met while reading it. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
// Values from the core's own modules, not its index: the index also re-exports the importer, which would then
// load (and initialise its tables) on every start of `nianbao check`, even for a draft JSON.
import type { Draft, Finding } from '../shared/index.js';
import { parseDraftJson } from '../shared/draft.js';

export type Loaded =
  | {
    readonly ok: true; readonly file: string; readonly draft: Draft; readonly findings: readonly Finding[];
    /** Cells a spreadsheet formula computes (a workbook's totals): see checkDraft's `computed`. */
    readonly computed?: ReadonlySet<string>;
  }
  | { readonly ok: false; readonly file: string; readonly error: string };

export type Loader = (bytes: Uint8Array, file: string, options: LoadOptions) => Promise<Loaded> | Loaded;

export interface LoadOptions {
  /** Report year to assume when the file does not say (`--year`). */
  readonly year?: number;
  /** Largest file read, in bytes (`--max-size`; DEFAULT_MAX_BYTES otherwise). */
  readonly maxBytes?: number;
}

/** Published reports run to a few MB with images; a draft JSON to tens of KB. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * The bytes of a regular file (a symlink is followed), at most `max` of them. Anything else is refused before it is
 * read: a device (/dev/zero never ends), a named pipe (opened without blocking, so a pipe with no writer cannot
 * hang the batch), a socket. The size is checked on the open descriptor, and the read stops at `max` + 1 bytes
 * in case the file grows meanwhile.
 */
export async function readRegularFile(file: string, max = DEFAULT_MAX_BYTES): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
  let fh;
  try {
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : `无法读取：${(e as Error).message}` };
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) return { ok: false, error: '这是一个目录' };
    if (!st.isFile()) {
      const kind = st.isFIFO() ? '命名管道' : st.isCharacterDevice() || st.isBlockDevice() ? '设备文件' : st.isSocket() ? '套接字' : '特殊文件';
      return { ok: false, error: `不是普通文件（${kind}），不予读取` };
    }
    if (st.size > max) return { ok: false, error: `文件过大（${mb(st.size)}，上限 ${mb(max)}；可用 --max-size 调高上限）` };
    const buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > max) return { ok: false, error: `文件过大（读取时超过上限 ${mb(max)}；可用 --max-size 调高上限）` };
      if (n === buf.length) break; // grew since stat but still within the cap: what was there at stat time is read
    }
    return { ok: true, bytes: buf.subarray(0, n) };
  } catch (e) {
    return { ok: false, error: `无法读取：${(e as Error).message}` };
  } finally {
    await fh.close();
  }
}

const decoder = new TextDecoder('utf-8');

function loadJson(bytes: Uint8Array, file: string): Loaded {
  const r = parseDraftJson(decoder.decode(bytes));
  if (!r.ok) return { ok: false, file, error: `不是有效的草稿：\n${r.errors.map((e) => `  ${e.path}：${e.message}`).join('\n')}` };
  return { ok: true, file, draft: r.draft, findings: [] };
}

/** A published report (text, web page, .docx, PDF, .doc) through the importer (shared/import); bytes it cannot read are unreadable. */
async function loadPublished(bytes: Uint8Array, file: string, options: LoadOptions): Promise<Loaded> {
  const { importDocument } = await import('../shared/import/document.js');
  const r = await importDocument({ name: file, bytes, ...(options.year !== undefined ? { year: options.year } : {}) });
  return r.unreadable ? { ok: false, file, error: r.unreadable } : { ok: true, file, draft: r.draft, findings: r.findings };
}

/** Loaders by lower-case extension. Other input kinds register here. */
export const LOADERS: Record<string, Loader> = {
  '.json': loadJson,
  '.xlsx': async (bytes, file, options) => (await import('./xlsx/load-xlsx.js')).loadXlsx(bytes, file, options),
  ...Object.fromEntries(['.txt', '.md', '.html', '.htm', '.docx', '.pdf', '.doc'].map((ext): [string, Loader] => [ext, loadPublished])),
};

export function supportedExtensions(): string[] {
  return Object.keys(LOADERS);
}

function unsupported(file: string): Loaded {
  const ext = extname(file).toLowerCase();
  return { ok: false, file, error: `不支持的文件类型“${ext || '（无扩展名）'}”，支持：${supportedExtensions().join('、')}` };
}

export async function loadReport(file: string, options: LoadOptions = {}): Promise<Loaded> {
  if (!LOADERS[extname(file).toLowerCase()]) return unsupported(file);
  const read = await readRegularFile(file, options.maxBytes);
  if (!read.ok) return { ok: false, file, error: read.error };
  return loadBytes(read.bytes, file, options);
}

/** The loader's part of loadReport, for bytes already read (the batch audit reads ahead, then loads in order). */
export async function loadBytes(bytes: Uint8Array, file: string, options: LoadOptions = {}): Promise<Loaded> {
  const loader = LOADERS[extname(file).toLowerCase()];
  if (!loader) return unsupported(file);
  try {
    const loaded = await loader(bytes, file, options);
    if (loaded.ok && options.year !== undefined) return { ...loaded, draft: { ...loaded.draft, year: options.year } };
    return loaded;
  } catch (e) {
    return { ok: false, file, error: `读取时出错：${(e as Error).message}` };
  }
}
