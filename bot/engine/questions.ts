/**
 * The question list: start and contact details, the tables (gates that skip blocks of zeros, then one cell per
 * question, totals computed), the narrative parts, the end. What depends on the format alone is built once; what
 * the clerk's answers open or close is applied per call. Questions are keyed by SPEC ids (part ids, cell ids) and a
 * few fixed ids, never by position.
 */
import {
  catalogue, draftFormat, FORMATS, narrativeParts, parseCell,
  type AgencyLevel, type CellDef, type Draft, type FormatId, type NarrativePartDef, type TableId,
} from '../../shared/index.js';
import { lackingParts } from '../../shared/narrative/index.js';
import type { State } from './state.js';
import { isComputed, tableComplete, tableFindings } from './tables.js';

export type MetaField = 'agency.name' | 'year' | 'agency.level' | 'agency.address' | 'agency.postcode' | 'agency.phone';

export type Question =
  | { readonly id: MetaField; readonly type: 'meta'; readonly section: '基本信息' }
  | { readonly id: string; readonly type: 'gate'; readonly section: string; readonly table: TableId; readonly cells: readonly string[]; readonly subject: string; readonly group?: string }
  | { readonly id: 't3.applicants'; readonly type: 'applicants'; readonly section: string }
  | { readonly id: string; readonly type: 'cell'; readonly section: string; readonly cell: CellDef }
  | { readonly id: string; readonly type: 'check'; readonly section: string; readonly table: TableId }
  | { readonly id: string; readonly type: 'narrative'; readonly section: string; readonly part: NarrativePartDef }
  | { readonly id: 'signature'; readonly type: 'signature'; readonly section: '落款' }
  | { readonly id: 'done'; readonly type: 'done'; readonly section: '结束' };

export const START_FIELDS: readonly MetaField[] = ['agency.name', 'year', 'agency.level'];
export const CONTACT_FIELDS: readonly MetaField[] = ['agency.address', 'agency.postcode', 'agency.phone'];

const TABLE_SECTION: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** A gate's answer: as the clerk gave it, else read from the cells (a resumed or uploaded draft). */
export function gateValue(state: State, draft: Draft, q: { id: string; cells: readonly string[] }): boolean | undefined {
  const own = state.gates[q.id];
  if (own !== undefined) return own;
  if (!q.cells.length) return undefined;
  let all = true;
  for (const c of q.cells) {
    const raw = draft.cells[c];
    if (raw === undefined) all = false;
    else if (!isZero(raw)) return true;
  }
  return all ? false : undefined;
}

/** parseCell(raw).value === 0, with the common 「0」 answered without parsing (this runs for every gate cell). */
function isZero(raw: string): boolean {
  return raw === '0' || parseCell(raw).value === 0;
}

type Gate = Extract<Question, { type: 'gate' }>;
type CellQuestion = Extract<Question, { type: 'cell' }>;

/**
 * The parts of the question list that depend on the format only, built once per format: the list is asked for
 * several times a turn, and deriving it from the catalogue each time was the engine's largest cost.
 */
interface Skeleton {
  readonly t2: readonly { gate: Gate; cells: readonly CellQuestion[] }[];
  readonly t3Gate: Gate;
  readonly t3Applicants: readonly CellDef[];
  /** Asked t3 cells of the applicant columns (what `activeApplicants` reads from a draft). */
  readonly t3ApplicantCells: readonly CellDef[];
  /** t3 rows with asked cells, in order; `group` for rows under a gated group (三、四…). */
  readonly t3Rows: readonly { group?: string; cells: readonly CellQuestion[] }[];
  /** Per group: the subject (from its first row with asked cells) and every asked cell of its rows. */
  readonly t3Groups: ReadonlyMap<string, { subject: string; cells: readonly CellDef[] }>;
  readonly t4Gate: Gate;
  readonly t4Groups: readonly { gate: Gate; cells: readonly CellQuestion[] }[];
}

const skeletons = new Map<FormatId, Skeleton>();

function skeleton(format: FormatId): Skeleton {
  const known = skeletons.get(format);
  if (known) return known;
  const cat = catalogue(format);
  const asked = (c: CellDef) => !isComputed(format, c.id);
  const rowCells = (table: TableId, id: string) => cat.rows.find((r) => r.table === table && r.id === id)!.cells;
  const cellQ = (section: string) => (c: CellDef): CellQuestion => ({ id: c.id, type: 'cell', section, cell: c });

  const t2 = FORMATS[format].t2.blocks.map((block) => {
    const cells = block.rows.flatMap((r) => rowCells('t2', r.id));
    const gate: Gate = { id: `gate.t2.${block.rows[0]!.id}`, type: 'gate', section: '表二', table: 't2', cells: cells.map((c) => c.id), subject: block.caption };
    return { gate, cells: cells.map(cellQ('表二')) };
  });

  const t3All = cat.tables.t3.filter(asked);
  const t3Gate: Gate = { id: 'gate.t3', type: 'gate', section: '表三', table: 't3', cells: t3All.map((c) => c.id), subject: '政府信息公开申请' };
  const applicants = cat.tables.t3.filter((c) => c.row === 'new' && asked(c));
  const applicantColumns = new Set(applicants.map((c) => c.column));
  const t3Rows: { group?: string; cells: readonly CellQuestion[] }[] = [];
  const t3Groups = new Map<string, { subject: string; cells: readonly CellDef[] }>();
  for (const row of FORMATS[format].t3.rows) {
    const cells = rowCells('t3', row.id).filter(asked);
    if (!cells.length) continue;
    const group = row.path.length >= 3 && row.id.includes('.') ? row.id.split('.')[0]! : undefined;
    if (group && !t3Groups.has(group)) t3Groups.set(group, { subject: row.path[1]!, cells: t3All.filter((c) => c.row.startsWith(`${group}.`)) });
    t3Rows.push({ ...(group ? { group } : {}), cells: cells.map(cellQ('表三')) });
  }

  const t4All = cat.tables.t4.filter(asked);
  const t4Gate: Gate = { id: 'gate.t4', type: 'gate', section: '表四', table: 't4', cells: t4All.map((c) => c.id), subject: '行政复议、行政诉讼' };
  const t4Groups = FORMATS[format].t4.groups.map((g) => {
    const cells = t4All.filter((c) => c.row === g.id);
    const row = cat.rows.find((r) => r.table === 't4' && r.id === g.id)!;
    const gate: Gate = { id: `gate.t4.${g.id}`, type: 'gate', section: '表四', table: 't4', cells: cells.map((c) => c.id), subject: row.label, group: g.id };
    return { gate, cells: cells.map(cellQ('表四')) };
  });

  const s: Skeleton = {
    t2, t3Gate, t3Applicants: applicants, t3ApplicantCells: t3All.filter((c) => applicantColumns.has(c.column)),
    t3Rows, t3Groups, t4Gate, t4Groups,
  };
  skeletons.set(format, s);
  return s;
}

export function t3Applicants(format: FormatId): readonly CellDef[] {
  return skeleton(format).t3Applicants;
}

/** The applicant columns that occurred: as the clerk said, else the columns with a non-zero cell. */
export function activeApplicants(state: State, draft: Draft, format: FormatId): readonly string[] | undefined {
  if (state.applicants) return state.applicants;
  const { t3Applicants: cols, t3ApplicantCells: asked } = skeleton(format);
  if (!asked.every((c) => draft.cells[c.id] !== undefined)) return undefined;
  return cols.map((c) => c.column).filter((col) => asked.some((c) => c.column === col && !isZero(draft.cells[c.id]!)));
}

function t2Questions(format: FormatId, state: State, draft: Draft): Question[] {
  const out: Question[] = [];
  for (const block of skeleton(format).t2) {
    out.push(block.gate);
    if (gateValue(state, draft, block.gate)) out.push(...block.cells);
  }
  return out;
}

function t3Questions(format: FormatId, state: State, draft: Draft): Question[] {
  const sk = skeleton(format);
  const out: Question[] = [sk.t3Gate];
  if (!gateValue(state, draft, sk.t3Gate)) return out;
  out.push({ id: 't3.applicants', type: 'applicants', section: '表三' });
  const active = activeApplicants(state, draft, format);
  if (!active) return out;
  const groupGates = new Map<string, Gate>();
  for (const row of sk.t3Rows) {
    if (row.group) {
      let g = groupGates.get(row.group);
      if (!g) {
        const { subject, cells } = sk.t3Groups.get(row.group)!;
        const groupCells = cells.filter((c) => active.includes(c.column)).map((c) => c.id);
        g = { id: `gate.t3.${row.group}`, type: 'gate', section: '表三', table: 't3', cells: groupCells, subject, group: row.group };
        groupGates.set(row.group, g);
        out.push(g);
      }
      if (!gateValue(state, draft, g)) continue;
    }
    for (const q of row.cells) if (active.includes(q.cell.column)) out.push(q);
  }
  return out;
}

function t4Questions(format: FormatId, state: State, draft: Draft): Question[] {
  const sk = skeleton(format);
  const out: Question[] = [sk.t4Gate];
  if (!gateValue(state, draft, sk.t4Gate)) return out;
  for (const g of sk.t4Groups) {
    out.push(g.gate);
    if (gateValue(state, draft, g.gate)) out.push(...g.cells);
  }
  return out;
}

export function sectionOfPart(format: FormatId, p: NarrativePartDef): string {
  if (p.section === 'preamble') return '前言';
  return FORMATS[format].sections.find((s) => s.id === p.section)!.heading;
}

const META: readonly Question[] = [...START_FIELDS, ...CONTACT_FIELDS].map((id): Question => ({ id, type: 'meta', section: '基本信息' }));
const CHECKS: Readonly<Record<TableId, Question>> = {
  t2: { id: 'check.t2', type: 'check', section: TABLE_SECTION.t2, table: 't2' },
  t3: { id: 'check.t3', type: 'check', section: TABLE_SECTION.t3, table: 't3' },
  t4: { id: 'check.t4', type: 'check', section: TABLE_SECTION.t4, table: 't4' },
};
const DONE: Question = { id: 'done', type: 'done', section: '结束' };
const SIGNATURE: Question = { id: 'signature', type: 'signature', section: '落款' };

const partQuestions = new Map<string, readonly Question[]>();
function parts(format: FormatId, level: AgencyLevel): readonly Question[] {
  const key = `${format}/${level}`;
  let qs = partQuestions.get(key);
  if (!qs) {
    qs = narrativeParts(format, level).map((part): Question => ({ id: part.id, type: 'narrative', section: sectionOfPart(format, part), part }));
    partQuestions.set(key, qs);
  }
  return qs;
}

/** Every question of the interview for this draft, in the order they are asked. */
export function questionList(draft: Draft, state: State): Question[] {
  const format = draftFormat(draft)!;
  return [
    ...META,
    ...t2Questions(format, state, draft), CHECKS.t2,
    ...t3Questions(format, state, draft), CHECKS.t3,
    ...t4Questions(format, state, draft), CHECKS.t4,
    ...parts(format, draft.agency.level ?? 'department'),
    SIGNATURE,
    DONE,
  ];
}

/** Whether a question needs no more answer. */
export function isAnswered(q: Question, draft: Draft, state: State): boolean {
  const format = draftFormat(draft)!;
  switch (q.type) {
    case 'meta':
      if (q.id === 'year') return true;
      return !!(draft.agency as unknown as Record<string, string | undefined>)[q.id.slice('agency.'.length)];
    case 'gate': return gateValue(state, draft, q) !== undefined;
    case 'applicants': return activeApplicants(state, draft, format) !== undefined;
    case 'cell': return draft.cells[q.id] !== undefined;
    case 'narrative': return draft.narrative[q.id] !== undefined;
    case 'signature': return !!draft.signature?.date;
    case 'check':
      return state.accepted.includes(q.id) || !tableComplete(format, q.table, draft.cells)
        || !tableFindings(draft, q.table).some((f) => f.severity === 'error');
    case 'done': return false;
  }
}

/**
 * The questions whose answers a report cannot be finished without: contact details, the tables' gates (a blank cell
 * is the core's cell.blank warning, not a gap), and the required narrative parts the core finds lacking (a part of
 * 一 folded into another counts as given).
 */
export function lacking(draft: Draft, state: State, qs: readonly Question[]): Question[] {
  const format = draftFormat(draft)!;
  const parts = new Set(lackingParts(narrativeParts(format, draft.agency.level ?? 'department'), draft.narrative).map((p) => p.id));
  return qs.filter((q) => (q.type === 'narrative' ? parts.has(q.id)
    : (q.type === 'meta' || q.type === 'gate' || q.type === 'applicants') && !isAnswered(q, draft, state)));
}
