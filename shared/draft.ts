/** The draft document of SPEC §7 and its schema. Parsing never throws: it returns the draft or Chinese errors. */
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { catalogue, FORMAT_IDS, FORMATS, formatIdForYear, type AgencyLevel, type FormatId } from './formats/index.js';

import { DRAFT_SCHEMA_ID } from './draft-format.js';
import { editDistance } from './distance.js';

export { editDistance } from './distance.js';

export { DRAFT_SCHEMA_ID, draftFormat } from './draft-format.js';

const text = z.string().max(200_000);
const cellText = z.union([z.string().max(1000), z.number()]).transform((v) => (typeof v === 'number' ? String(v) : v));

export const draftSchema = z.object({
  schema: z.literal(DRAFT_SCHEMA_ID),
  year: z.number().int().min(1949).max(9999),
  format: z.enum(FORMAT_IDS as [FormatId, ...FormatId[]]).optional(),
  agency: z.object({
    name: z.string().max(500),
    address: z.string().max(500).optional(),
    postcode: z.string().max(50).optional(),
    phone: z.string().max(200).optional(),
    email: z.string().max(200).optional(),
    website: z.string().max(500).optional(),
    level: z.enum(['department', 'government']).optional(),
  }).default({ name: '' }),
  cells: z.record(z.string(), cellText).default({}),
  narrative: z.record(z.string(), text).default({}),
  signature: z.object({
    agency: z.string().max(500).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, '日期应写作 YYYY-MM-DD').optional(),
  }).optional(),
  updatedAt: z.string().max(100).optional(),
});

export interface Agency {
  name: string;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  website?: string;
  level?: AgencyLevel;
}

export interface Draft {
  schema: typeof DRAFT_SCHEMA_ID;
  year: number;
  /** Omitted: follows from the year. */
  format?: FormatId;
  agency: Agency;
  /** Raw cell text as typed, by cell id. */
  cells: Record<string, string>;
  /** Narrative text by part id (SPEC §4). */
  narrative: Record<string, string>;
  /** The 落款 under the report: the signing agency (default the agency's name) and the date, `YYYY-MM-DD`. */
  signature?: { agency?: string; date?: string };
  updatedAt?: string;
}

export interface SchemaError {
  /** Where in the document, e.g. `cells["t3.new.natrual"]`. */
  readonly path: string;
  readonly message: string;
}

export type DraftParse = { ok: true; draft: Draft } | { ok: false; errors: SchemaError[] };

const KNOWN_CELLS = new Set(FORMAT_IDS.flatMap((f) => catalogue(f).cells.map((c) => c.id)));
const KNOWN_PARTS = new Set(FORMAT_IDS.flatMap((f) => FORMATS[f].narrative.map((p) => p.id)));

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : /^[A-Za-z_]\w*$/.test(String(k)) ? (s ? `${s}.${String(k)}` : String(k)) : `${s}["${String(k)}"]`), '') || '(根)';
}

/** The closest known id, for 「是否想写 …」 hints. */
function closest(id: string, known: Iterable<string>): string | undefined {
  let best: string | undefined, bestD = Infinity;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(2, id.length / 4) ? best : undefined;
}


/** Validates any JSON value as a draft. Unknown cell or part ids are errors with a hint. */
export function parseDraft(input: unknown): DraftParse {
  let r;
  try {
    r = draftSchema.safeParse(input, { error: zhCN().localeError });
  } catch (e) {
    return { ok: false, errors: [{ path: '(根)', message: `无法读取草稿：${(e as Error).message}` }] };
  }
  if (!r.success) {
    return { ok: false, errors: r.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  }
  const errors: SchemaError[] = [];
  for (const id of Object.keys(r.data.cells)) {
    if (!KNOWN_CELLS.has(id)) {
      const hint = closest(id, KNOWN_CELLS);
      errors.push({ path: pathText(['cells', id]), message: `未知的单元格编号“${id}”${hint ? `，是否想写“${hint}”？` : ''}` });
    }
  }
  for (const id of Object.keys(r.data.narrative)) {
    if (!KNOWN_PARTS.has(id)) {
      const hint = closest(id, KNOWN_PARTS);
      errors.push({ path: pathText(['narrative', id]), message: `未知的正文部分编号“${id}”${hint ? `，是否想写“${hint}”？` : ''}` });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, draft: r.data as Draft };
}

/** Parses JSON text as a draft; a syntax error is reported like a schema error. */
export function parseDraftJson(json: string): DraftParse {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [{ path: '(根)', message: `不是有效的 JSON：${(e as Error).message}` }] };
  }
  return parseDraft(value);
}

export function emptyDraft(year: number, agencyName = '', level: AgencyLevel = 'department'): Draft {
  const format = formatIdForYear(year);
  return {
    schema: DRAFT_SCHEMA_ID, year, ...(format ? { format } : {}),
    agency: { name: agencyName, level }, cells: {}, narrative: {}, updatedAt: new Date(0).toISOString(),
  };
}
