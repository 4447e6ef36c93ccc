/**
 * The question list, derived from the format data every turn: start and contact details, the tables (gates that
 * skip blocks of zeros, then one cell per question, totals computed), the narrative parts, the end. Questions are
 * keyed by SPEC ids (part ids, cell ids) and a few fixed ids, never by position.
 */
import {
  catalogue, draftFormat, FORMATS, narrativeParts, parseCell,
  type CellDef, type Draft, type FormatId, type NarrativePartDef, type TableId,
} from '../../shared/index.js';
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
  | { readonly id: 'done'; readonly type: 'done'; readonly section: '结束' };

export const START_FIELDS: readonly MetaField[] = ['agency.name', 'year', 'agency.level'];
export const CONTACT_FIELDS: readonly MetaField[] = ['agency.address', 'agency.postcode', 'agency.phone'];

const TABLE_SECTION: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** A gate's answer: as the clerk gave it, else read from the cells (a resumed or uploaded draft). */
export function gateValue(state: State, draft: Draft, q: { id: string; cells: readonly string[] }): boolean | undefined {
  const own = state.gates[q.id];
  if (own !== undefined) return own;
  if (!q.cells.length) return undefined;
  const nonZero = q.cells.some((c) => draft.cells[c] !== undefined && parseCell(draft.cells[c]).value !== 0);
  if (nonZero) return true;
  return q.cells.every((c) => draft.cells[c] !== undefined) ? false : undefined;
}

export function t3Applicants(format: FormatId): readonly CellDef[] {
  return catalogue(format).tables.t3.filter((c) => c.row === 'new' && !isComputed(format, c.id));
}

/** The applicant columns that occurred: as the clerk said, else the columns with a non-zero cell. */
export function activeApplicants(state: State, draft: Draft, format: FormatId): readonly string[] | undefined {
  if (state.applicants) return state.applicants;
  const cols = t3Applicants(format).map((c) => c.column);
  const asked = catalogue(format).tables.t3.filter((c) => cols.includes(c.column) && !isComputed(format, c.id));
  if (!asked.every((c) => draft.cells[c.id] !== undefined)) return undefined;
  return cols.filter((col) => asked.some((c) => c.column === col && parseCell(draft.cells[c.id]).value !== 0));
}

function t2Questions(format: FormatId, state: State, draft: Draft): Question[] {
  const out: Question[] = [];
  const cat = catalogue(format);
  for (const block of FORMATS[format].t2.blocks) {
    const cells = block.rows.flatMap((r) => cat.rows.find((x) => x.table === 't2' && x.id === r.id)!.cells);
    const gate = { id: `gate.t2.${block.rows[0]!.id}`, type: 'gate', section: '表二', table: 't2', cells: cells.map((c) => c.id), subject: block.caption } as const;
    out.push(gate);
    if (gateValue(state, draft, gate)) for (const c of cells) out.push({ id: c.id, type: 'cell', section: '表二', cell: c });
  }
  return out;
}

function t3Questions(format: FormatId, state: State, draft: Draft): Question[] {
  const cat = catalogue(format);
  const asked = (c: CellDef) => !isComputed(format, c.id);
  const all = cat.tables.t3.filter(asked);
  const gate = { id: 'gate.t3', type: 'gate', section: '表三', table: 't3', cells: all.map((c) => c.id), subject: '政府信息公开申请' } as const;
  const out: Question[] = [gate];
  if (!gateValue(state, draft, gate)) return out;
  out.push({ id: 't3.applicants', type: 'applicants', section: '表三' });
  const active = activeApplicants(state, draft, format);
  if (!active) return out;
  const groupsSeen = new Map<string, Extract<Question, { type: 'gate' }>>();
  for (const row of FORMATS[format].t3.rows) {
    const cells = cat.rows.find((r) => r.table === 't3' && r.id === row.id)!.cells.filter(asked);
    if (!cells.length) continue;
    const group = row.path.length >= 3 && row.id.includes('.') ? row.id.split('.')[0]! : undefined;
    if (group) {
      const gid = `gate.t3.${group}`;
      let g = groupsSeen.get(gid);
      if (!g) {
        const groupCells = all.filter((c) => c.row.startsWith(`${group}.`) && active.includes(c.column));
        g = { id: gid, type: 'gate', section: '表三', table: 't3', cells: groupCells.map((c) => c.id), subject: row.path[1]!, group };
        groupsSeen.set(gid, g);
        out.push(g);
      }
      if (!gateValue(state, draft, g)) continue;
    }
    for (const c of cells) if (active.includes(c.column)) out.push({ id: c.id, type: 'cell', section: '表三', cell: c });
  }
  return out;
}

function t4Questions(format: FormatId, state: State, draft: Draft): Question[] {
  const cat = catalogue(format);
  const all = cat.tables.t4.filter((c) => !isComputed(format, c.id));
  const gate = { id: 'gate.t4', type: 'gate', section: '表四', table: 't4', cells: all.map((c) => c.id), subject: '行政复议、行政诉讼' } as const;
  const out: Question[] = [gate];
  if (!gateValue(state, draft, gate)) return out;
  for (const g of FORMATS[format].t4.groups) {
    const cells = all.filter((c) => c.row === g.id);
    const row = cat.rows.find((r) => r.table === 't4' && r.id === g.id)!;
    const gq = { id: `gate.t4.${g.id}`, type: 'gate', section: '表四', table: 't4', cells: cells.map((c) => c.id), subject: row.label, group: g.id } as const;
    out.push(gq);
    if (gateValue(state, draft, gq)) for (const c of cells) out.push({ id: c.id, type: 'cell', section: '表四', cell: c });
  }
  return out;
}

export function sectionOfPart(format: FormatId, p: NarrativePartDef): string {
  if (p.section === 'preamble') return '前言';
  return FORMATS[format].sections.find((s) => s.id === p.section)!.heading;
}

/** Every question of the interview for this draft, in the order they are asked. */
export function questionList(draft: Draft, state: State): Question[] {
  const format = draftFormat(draft)!;
  const meta = [...START_FIELDS, ...CONTACT_FIELDS].map((id): Question => ({ id, type: 'meta', section: '基本信息' }));
  const check = (table: TableId): Question => ({ id: `check.${table}`, type: 'check', section: TABLE_SECTION[table], table });
  const parts = narrativeParts(format, draft.agency.level ?? 'department')
    .map((part): Question => ({ id: part.id, type: 'narrative', section: sectionOfPart(format, part), part }));
  return [
    ...meta,
    ...t2Questions(format, state, draft), check('t2'),
    ...t3Questions(format, state, draft), check('t3'),
    ...t4Questions(format, state, draft), check('t4'),
    ...parts,
    { id: 'done', type: 'done', section: '结束' },
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
    case 'check':
      return state.accepted.includes(q.id) || !tableComplete(format, q.table, draft.cells)
        || !tableFindings(draft, q.table).some((f) => f.severity === 'error');
    case 'done': return false;
  }
}
