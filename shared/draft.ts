/** The draft document of SPEC §7 and its schema. Parsing never throws: it returns the draft or Chinese errors. */
// zod/mini: the same checks and messages as classic zod, but only what is used is bundled (classic drags in every
// locale: 400 KB that the CLI parsed at each start).
import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { catalogue, FORMAT_IDS, FORMATS, formatIdForYear, type AgencyLevel, type FormatId } from './formats/index.js';

import { DRAFT_SCHEMA_ID } from './draft-format.js';
import { editDistance } from './distance.js';

export { editDistance } from './distance.js';

export { DRAFT_SCHEMA_ID, draftFormat } from './draft-format.js';

const text = z.string().check(z.maxLength(200_000));
const str = (max: number) => z.string().check(z.maxLength(max));
const cellText = z.pipe(z.union([str(1000), z.number()]), z.transform((v: string | number) => (typeof v === 'number' ? String(v) : v)));

export const draftSchema = z.object({
  schema: z.literal(DRAFT_SCHEMA_ID),
  year: z.number().check(z.int(), z.gte(1949), z.lte(9999)),
  format: z.optional(z.enum(FORMAT_IDS as [FormatId, ...FormatId[]])),
  agency: z._default(z.object({
    name: str(500),
    address: z.optional(str(500)),
    postcode: z.optional(str(50)),
    phone: z.optional(str(200)),
    email: z.optional(str(200)),
    website: z.optional(str(500)),
    level: z.optional(z.enum(['department', 'government'])),
  }), { name: '' }),
  cells: z._default(z.record(z.string(), cellText), {}),
  narrative: z._default(z.record(z.string(), text), {}),
  signature: z.optional(z.object({
    agency: z.optional(str(500)),
    date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/u, '日期应写作 YYYY-MM-DD'))),
  })),
  updatedAt: z.optional(str(100)),
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


/**
 * At most this many unknown ids (or schema errors) listed one by one, with a hint: beyond them only their number. A hint costs an edit distance
 * to every known id, so a draft with millions of unknown ids (a damaged or hostile file) would take minutes.
 */
export const MAX_LISTED_UNKNOWN_IDS = 100;

function unknownIds(errors: SchemaError[], field: 'cells' | 'narrative', ids: readonly string[], known: ReadonlySet<string>, what: string): void {
  let n = 0;
  for (const id of ids) {
    if (known.has(id)) continue;
    if (++n > MAX_LISTED_UNKNOWN_IDS) continue;
    const hint = closest(id, known);
    errors.push({ path: pathText([field, id]), message: `未知的${what}编号“${id}”${hint ? `，是否想写“${hint}”？` : ''}` });
  }
  if (n > MAX_LISTED_UNKNOWN_IDS) {
    errors.push({ path: field, message: `共有 ${n} 个未知的${what}编号，以上只列出前 ${MAX_LISTED_UNKNOWN_IDS} 个` });
  }
}

/** Validates any JSON value as a draft. Unknown cell or part ids are errors with a hint. */
export function parseDraft(input: unknown): DraftParse {
  // A draft with more unknown ids than are ever listed is refused before the schema walks all of its entries.
  const errors: SchemaError[] = [];
  const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const cellIds = Object.keys(obj(obj(input)?.cells) ?? {}), partIds = Object.keys(obj(obj(input)?.narrative) ?? {});
  const tooMany = (ids: readonly string[], known: ReadonlySet<string>) => {
    let n = 0;
    for (const id of ids) if (!known.has(id) && ++n > MAX_LISTED_UNKNOWN_IDS) return true;
    return false;
  };
  if (tooMany(cellIds, KNOWN_CELLS) || tooMany(partIds, KNOWN_PARTS)) {
    unknownIds(errors, 'cells', cellIds, KNOWN_CELLS, '单元格');
    unknownIds(errors, 'narrative', partIds, KNOWN_PARTS, '正文部分');
    return { ok: false, errors };
  }
  let r;
  try {
    r = draftSchema.safeParse(input, { error: zhCN().localeError });
  } catch (e) {
    return { ok: false, errors: [{ path: '(根)', message: `无法读取草稿：${(e as Error).message}` }] };
  }
  if (!r.success) {
    const { issues } = r.error;
    for (const i of issues.slice(0, MAX_LISTED_UNKNOWN_IDS)) errors.push({ path: pathText(i.path), message: i.message });
    if (issues.length > MAX_LISTED_UNKNOWN_IDS) errors.push({ path: '(根)', message: `共有 ${issues.length} 处不符合草稿格式，以上只列出前 ${MAX_LISTED_UNKNOWN_IDS} 处` });
    return { ok: false, errors };
  }
  unknownIds(errors, 'cells', Object.keys(r.data.cells), KNOWN_CELLS, '单元格');
  unknownIds(errors, 'narrative', Object.keys(r.data.narrative), KNOWN_PARTS, '正文部分');
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
