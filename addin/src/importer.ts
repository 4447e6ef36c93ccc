/**
 * Reading last year's report (「导入上年报告」). Loaded on demand as its own script (dist/importer.js), so the schema
 * library and the report importer stay out of the task pane's main bundle.
 */
import { parseDraftJson } from '../../shared/draft.js';
import type { PreviousReport } from './session.js';
import { PANE_TEXTS as T } from './texts.js';

export interface Importer {
  /** Pasted or opened text (draft JSON) → last year's cells, or a Chinese reason. */
  readPrevious(text: string): PreviousReport | string;
}

export function readPrevious(text: string): PreviousReport | string {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t) return T.importNoCells;
  if (!t.startsWith('{')) return T.importUnsupported;
  const r = parseDraftJson(t);
  if (!r.ok) return r.errors.map((e) => `${e.path}：${e.message}`).slice(0, 3).join('；');
  if (!Object.keys(r.draft.cells).length) return T.importNoCells;
  return { year: r.draft.year, ...(r.draft.format ? { format: r.draft.format } : {}), cells: r.draft.cells };
}

export const importer: Importer = { readPrevious };
