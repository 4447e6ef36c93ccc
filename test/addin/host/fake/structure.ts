/**
 * What Excel does to a sheet when whole rows or columns are inserted or deleted: cells, notes, widths, merges,
 * validations and conditional formats move; a merge or range that spans the insertion point grows; references in
 * formulas and in defined names (of every scope) that point at the sheet follow, and a reference whose cells are all
 * deleted becomes #REF!. Renaming a sheet rewrites the names that point at it.
 */
import { colIndex, colLetters, type RefRect } from './formula.js';
import type { SheetModel, WorkbookModel } from './model.js';

export type Axis = 'row' | 'col';

/** One span [start, end] after inserting `count` (> 0) before `at`, or deleting -count (< 0) from `at`; undefined when deleted. */
export function shiftSpan(start: number, end: number, at: number, count: number): [number, number] | undefined {
  if (count > 0) {
    if (end < at) return [start, end];
    if (start >= at) return [start + count, end + count];
    return [start, end + count];
  }
  const n = -count, last = at + n - 1;
  if (end < at) return [start, end];
  if (start > last) return [start - n, end - n];
  const s = start < at ? start : at;
  const e = end > last ? end - n : at - 1;
  return e < s ? undefined : [s, e];
}

export function shiftRect(r: RefRect, axis: Axis, at: number, count: number): RefRect | undefined {
  const span = axis === 'row' ? shiftSpan(r.top, r.bottom, at, count) : shiftSpan(r.left, r.right, at, count);
  if (!span) return undefined;
  return axis === 'row' ? { ...r, top: span[0], bottom: span[1] } : { ...r, left: span[0], right: span[1] };
}

const REF = /((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![\w(!])/g;

const sheetOf = (prefix: string) => prefix.slice(0, -1).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");

/** Rewrites the references in a formula (or a name's reference) that point at `sheet`; `home` is the sheet the formula lives on. */
export function shiftFormula(formula: string, sheetName: string, home: string | undefined, axis: Axis, at: number, count: number): string {
  return formula.replace(REF, (whole, prefix: string | undefined, d1: string, c1: string, d2: string, r1: string, d3?: string, c2?: string, d4?: string, r2?: string) => {
    const target = prefix ? sheetOf(prefix) : home;
    if (target === undefined || target.toLowerCase() !== sheetName.toLowerCase()) return whole;
    const rect: RefRect = {
      top: Number(r1) - 1, left: colIndex(c1), bottom: Number(r2 ?? r1) - 1, right: colIndex(c2 ?? c1),
    };
    const moved = shiftRect(rect, axis, at, count);
    if (!moved) return `${prefix ?? ''}#REF!`;
    const a = `${d1}${colLetters(moved.left)}${d2}${moved.top + 1}`;
    const b = c2 !== undefined ? `:${d3}${colLetters(moved.right)}${d4}${moved.bottom + 1}` : '';
    return `${prefix ?? ''}${a}${b}`;
  });
}

function shiftKeyed<V>(map: Map<number, V>, at: number, count: number): void {
  const entries = [...map];
  map.clear();
  for (const [k, v] of entries) {
    const s = shiftSpan(k, k, at, count);
    if (s) map.set(s[0], v);
  }
}

/** Inserts (count > 0) or deletes (count < 0) whole rows or columns of `sheet`, as Excel does. */
export function shiftSheet(book: WorkbookModel, sheet: SheetModel, axis: Axis, at: number, count: number): void {
  const move = (row: number, col: number): [number, number] | undefined => {
    const s = axis === 'row' ? shiftSpan(row, row, at, count) : shiftSpan(col, col, at, count);
    if (!s) return undefined;
    return axis === 'row' ? [s[0], col] : [row, s[0]];
  };
  const cells = [...sheet.cells];
  sheet.cells.clear();
  for (const [k, c] of cells) {
    const [row, col] = k.split(',').map(Number) as [number, number];
    const to = move(row, col);
    if (to) sheet.cells.set(`${to[0]},${to[1]}`, c);
  }
  const notes = sheet.notes, noted = [...notes];
  notes.clear();
  for (const [a, text] of noted) {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const to = move(Number(m[2]) - 1, colIndex(m[1]!));
    if (to) notes.set(`${colLetters(to[1])}${to[0] + 1}`, text);
  }
  shiftKeyed(axis === 'row' ? sheet.rowHeights : sheet.columnWidths, at, count);
  const rects = <T extends { rect: RefRect }>(list: T[]) => {
    const kept = list.flatMap((x) => { const r = shiftRect(x.rect, axis, at, count); return r ? [{ ...x, rect: r }] : []; });
    list.splice(0, list.length, ...kept);
  };
  const merges = sheet.merges.flatMap((m) => { const r = shiftRect(m, axis, at, count); return r && (r.top !== r.bottom || r.left !== r.right) ? [r] : []; });
  sheet.merges.splice(0, sheet.merges.length, ...merges);
  rects(sheet.validations);
  rects(sheet.conditionalFormats);
  for (const cf of sheet.conditionalFormats) cf.formula = shiftFormula(cf.formula, sheet.name, sheet.name, axis, at, count);
  for (const s of book.sheets) {
    for (const c of s.cells.values()) if (c.formula) c.formula = shiftFormula(c.formula, sheet.name, s.name, axis, at, count);
    for (const n of s.names.values()) n.ref = shiftFormula(n.ref, sheet.name, undefined, axis, at, count);
  }
  for (const n of book.names.values()) n.ref = shiftFormula(n.ref, sheet.name, undefined, axis, at, count);
}

/** Renames a sheet; names and formulas that point at it follow. */
export function renameSheet(book: WorkbookModel, sheet: SheetModel, to: string): void {
  const quote = (n: string) => `'${n.replace(/'/g, "''")}'!`;
  const from = sheet.name;
  const pattern = /('(?:[^']|'')+'|[A-Za-z_][\w.]*)!/g;
  const rewrite = (f: string) => f.replace(pattern, (whole, p: string) => (sheetOf(`${p}!`).toLowerCase() === from.toLowerCase() ? quote(to) : whole));
  for (const s of book.sheets) {
    for (const c of s.cells.values()) if (c.formula) c.formula = rewrite(c.formula);
    for (const n of s.names.values()) n.ref = rewrite(n.ref);
  }
  for (const n of book.names.values()) n.ref = rewrite(n.ref);
  sheet.name = to;
}
