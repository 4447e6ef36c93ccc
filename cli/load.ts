/** Reads an input file by its extension into a draft plus the findings met while reading it. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDraftJson, type Draft, type Finding } from '../shared/index.js';

export type Loaded =
  | { readonly ok: true; readonly file: string; readonly draft: Draft; readonly findings: readonly Finding[] }
  | { readonly ok: false; readonly file: string; readonly error: string };

export type Loader = (bytes: Uint8Array, file: string, options: LoadOptions) => Promise<Loaded> | Loaded;

export interface LoadOptions {
  /** Report year to assume when the file does not say (`--year`). */
  readonly year?: number;
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
  ...Object.fromEntries(['.txt', '.html', '.htm', '.docx', '.pdf', '.doc'].map((ext): [string, Loader] => [ext, loadPublished])),
};

export function supportedExtensions(): string[] {
  return Object.keys(LOADERS);
}

export async function loadReport(file: string, options: LoadOptions = {}): Promise<Loaded> {
  const ext = extname(file).toLowerCase();
  const loader = LOADERS[ext];
  if (!loader) return { ok: false, file, error: `不支持的文件类型“${ext || '（无扩展名）'}”，支持：${supportedExtensions().join('、')}` };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, file, error: code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : `无法读取：${(e as Error).message}` };
  }
  try {
    const loaded = await loader(bytes, file, options);
    if (loaded.ok && options.year !== undefined) return { ...loaded, draft: { ...loaded.draft, year: options.year } };
    return loaded;
  } catch (e) {
    return { ok: false, file, error: `读取时出错：${(e as Error).message}` };
  }
}
