/**
 * Reading last year's report (「导入上年报告」): a draft JSON, or a published report as text, HTML or .docx through
 * the importer of the rules core. Loaded on demand as its own script (dist/importer.js), so the schema library and
 * the importer stay out of the task pane's main bundle.
 */
import { parseDraftJson } from '../../shared/draft.js';
import { importReport } from '../../shared/import/index.js';
import type { PreviousReport } from './session.js';
import { PANE_TEXTS as T } from './texts.js';

export interface PreviousInput { text?: string; name?: string; bytes?: Uint8Array }

export interface Importer {
  /** Pasted text or an opened file → last year's cells, or a Chinese reason why not. */
  readPrevious(input: PreviousInput): PreviousReport | string;
}

export function readPrevious(input: PreviousInput): PreviousReport | string {
  const text = input.text?.replace(/^\uFEFF/, '').trim();
  if (!input.bytes && !text) return T.importNoCells;
  if (text?.startsWith('{')) {
    const r = parseDraftJson(text);
    if (!r.ok) return r.errors.map((e) => `${e.path}：${e.message}`).slice(0, 3).join('；');
    if (!Object.keys(r.draft.cells).length) return T.importNoCells;
    return { year: r.draft.year, ...(r.draft.format ? { format: r.draft.format } : {}), cells: r.draft.cells };
  }
  const { draft } = importReport({
    ...(input.name ? { name: input.name } : {}), ...(input.bytes ? { bytes: input.bytes } : {}), ...(text ? { text } : {}),
  });
  if (!Object.keys(draft.cells).length) return T.importNoCells;
  return { year: draft.year, ...(draft.format ? { format: draft.format } : {}), cells: draft.cells };
}

export const importer: Importer = { readPrevious };
