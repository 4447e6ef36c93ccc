/** Table helpers for the interview: which cells are computed totals, filling them in, checking one table. */
import {
  catalogue, checkTables, relations, type Draft, type Finding, type FormatId, type TableId,
} from '../../shared/index.js';
import { parseCell } from '../../shared/index.js';
import type { Change } from '../store/index.js';

interface SumDef { readonly total: string; readonly parts: readonly { ref: string; weight: number }[] }

const sums = new Map<FormatId, readonly SumDef[]>();
/** The sum relations of the format whose total is one cell of this year's table (computed, never asked). */
export function sumDefs(format: FormatId): readonly SumDef[] {
  let s = sums.get(format);
  if (!s) {
    s = relations(format)
      .filter((r) => r.op === '=' && r.actual.length === 1 && r.expected.length > 1 && r.expected.every((t) => t.year === 'this'))
      .map((r) => ({ total: r.actual[0]!.ref, parts: r.expected.map((t) => ({ ref: t.ref, weight: t.weight })) }));
    sums.set(format, s);
  }
  return s;
}

const computed = new Map<FormatId, ReadonlySet<string>>();
export function isComputed(format: FormatId, cellId: string): boolean {
  let set = computed.get(format);
  if (!set) computed.set(format, (set = new Set(sumDefs(format).map((s) => s.total))));
  return set.has(cellId);
}

/** Changes that set every computable total to the sum of its parts (until nothing changes: totals of totals). */
export function totalChanges(format: FormatId, cells: Readonly<Record<string, string>>): Change[] {
  const now: Record<string, string> = { ...cells };
  const out = new Map<string, string>();
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const s of sumDefs(format)) {
      let sum = 0;
      let ok = true;
      for (const p of s.parts) {
        const v = parseCell(now[p.ref]);
        if (v.kind !== 'number' || !Number.isInteger(v.value)) {
          ok = false;
          break;
        }
        sum += v.value! * p.weight;
      }
      if (!ok) continue;
      const text = String(sum);
      if (now[s.total] !== text) {
        now[s.total] = text;
        out.set(s.total, text);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return [...out].map(([id, value]) => ({ path: `cells.${id}`, value }));
}

const cellIds = new Map<string, readonly string[]>();
export function tableCells(format: FormatId, table: TableId): readonly string[] {
  const key = `${format}/${table}`;
  let ids = cellIds.get(key);
  if (!ids) cellIds.set(key, (ids = catalogue(format).tables[table].map((c) => c.id)));
  return ids;
}

export function tableComplete(format: FormatId, table: TableId, cells: Readonly<Record<string, string>>): boolean {
  return tableCells(format, table).every((id) => cells[id] !== undefined);
}

/** Findings of the rules core that concern only this table (cell.blank left out: the interview asks for those). */
export function tableFindings(draft: Draft, table: TableId): Finding[] {
  const prefix = `${table}.`;
  return checkTables(draft).filter((f) => f.rule !== 'cell.blank' && f.cells.length > 0 && f.cells.every((c) => c.startsWith(prefix)));
}
