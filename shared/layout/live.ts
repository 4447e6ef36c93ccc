/**
 * Where a plan's cells are in a live sheet that the clerk may have changed. Normally through the defined names the
 * plan gives each input block (Excel moves them when rows or columns are inserted or deleted elsewhere). When a name
 * is gone or a block no longer has its planned size (a row inserted inside t3), the grid's shape no longer matches its
 * format: then every row is found again by its label and every column by its headings, in order, so the numbers can
 * still be read — and written back into a fresh grid by 「修复表格」.
 */
import type { SheetPlan } from '../layout.js';
import { TABLE_TITLE } from './texts.js';
import { address, parseRange, type Rect } from './a1.js';
import { valueText } from './values.js';

/** A defined name as Office.js loads it: `formula` like "='年报表格'!$D$23:$J$47" (or with #REF!). */
export interface LiveName { name: string; formula: string }

/** A block of the sheet's values (Range.values of the used range) and where its top-left cell is (0-based). */
export interface SheetGrid { top: number; left: number; values: readonly (readonly unknown[])[] }

export interface LiveLayout {
  /** cell id → current address ('J8'); cells the sheet lost are missing. */
  addressOf: Record<string, string>;
  /** Why the shape no longer matches the format (Chinese, one line each); empty when it matches. */
  problems: string[];
  /** Cell ids that could not be found (their rows or columns were deleted). */
  lost: string[];
}

/** "='年报表格'!$D$23:$J$47" → sheet and rectangle; undefined rect when the reference is #REF!. */
export function parseNameFormula(formula: string): { sheet?: string; rect?: Rect } {
  const body = String(formula).replace(/^=/, '');
  const bang = body.lastIndexOf('!');
  const sheet = bang < 0 ? undefined : body.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  const ref = bang < 0 ? body : body.slice(bang + 1);
  return { ...(sheet !== undefined ? { sheet } : {}), ...(/#REF!/i.test(ref) ? {} : { rect: parseRange(ref.replace(/\$/g, '')) }) };
}

/** The plan's blocks: name, planned rectangle, and the cells inside. */
function blocks(plan: SheetPlan) {
  return plan.names.map((n) => {
    const rect = parseRange(n.ref)!;
    const cells = plan.cells.filter((c) => c.cellId && c.row >= rect.top && c.row <= rect.bottom && c.col >= rect.left && c.col <= rect.right);
    return { ...n, rect, cells };
  });
}

const sizeText = (r: Rect) => `${r.bottom - r.top + 1} 行 ${r.right - r.left + 1} 列`;

/**
 * Finds the plan's cells in the sheet. `names` are the names visible from the sheet (its own first, then the
 * workbook's); only those that point at `sheetName` count.
 */
export function locateGrid(plan: SheetPlan, sheetName: string, names: readonly LiveName[], grid: SheetGrid): LiveLayout {
  const problems: string[] = [];
  const found = new Map<string, Rect>();
  for (const b of blocks(plan)) {
    const live = names.find((n) => n.name.toLowerCase() === b.name.toLowerCase() && sameSheet(parseNameFormula(n.formula).sheet, sheetName));
    const table = TABLE_TITLE[b.table];
    if (!live) { problems.push(`${table}的名称 ${b.name} 已被删除`); continue; }
    const { rect } = parseNameFormula(live.formula);
    if (!rect) { problems.push(`${table}的名称 ${b.name} 所指的单元格已被删除`); continue; }
    if (rect.bottom - rect.top !== b.rect.bottom - b.rect.top || rect.right - rect.left !== b.rect.right - b.rect.left) {
      problems.push(`${table}的填写区域（${b.name}）现为 ${sizeText(rect)}，应为 ${sizeText(b.rect)}：表格中插入或删除了行、列`);
      continue;
    }
    found.set(b.name, rect);
  }
  if (!problems.length) {
    const addressOf: Record<string, string> = {};
    for (const b of blocks(plan)) {
      const at = found.get(b.name)!;
      for (const c of b.cells) addressOf[c.cellId!] = address(at.top + c.row - b.rect.top, at.left + c.col - b.rect.left);
    }
    return { addressOf, problems, lost: [] };
  }
  const addressOf = byLabels(plan, grid);
  const lost = plan.cells.filter((c) => c.cellId && !addressOf[c.cellId]).map((c) => c.cellId!);
  return { addressOf, problems, lost };
}

const sameSheet = (a: string | undefined, b: string) => a === undefined || a.toLowerCase() === b.toLowerCase();

/** Text of a label as matched: spaces dropped (a clerk's stray space must not lose a row). */
const norm = (v: unknown) => (typeof v === 'string' && !v.startsWith('=') ? v.replace(/\s+/g, '') : '');

/**
 * Rows by their leftmost label, in order; rows without a label (blank separators, t4's row) by position after the
 * previous row found. Columns by the headings above each block, the same way.
 */
function byLabels(plan: SheetPlan, grid: SheetGrid): Record<string, string> {
  const at = (row: number, col: number) => grid.values[row - grid.top]?.[col - grid.left];
  const height = grid.top + grid.values.length, width = grid.left + Math.max(0, ...grid.values.map((r) => r.length));
  const planText = new Map(plan.cells.filter((c) => c.text !== undefined).map((c) => [`${c.row},${c.col}`, norm(c.text)]));
  const planRowKey = (r: number) => {
    for (let c = 0; c < plan.width; c++) { const t = planText.get(`${r},${c}`); if (t) return t; }
    return '';
  };
  const sheetRowKey = (r: number) => {
    for (let c = 0; c < width; c++) { const t = norm(at(r, c)); if (t) return t; }
    return '';
  };
  const sheetKeys = Array.from({ length: height }, (_, r) => sheetRowKey(r));
  const rowMap = align(Array.from({ length: plan.height }, (_, r) => planRowKey(r)), sheetKeys);

  const valueRows = new Set(plan.cells.filter((c) => c.cellId).map((c) => c.row));
  const addressOf: Record<string, string> = {};
  for (const b of blocks(plan)) {
    // Heading rows: the rows right above the block that hold no inputs.
    const heads: number[] = [];
    for (let r = b.rect.top - 1; r >= 0 && !valueRows.has(r); r--) heads.unshift(r);
    const planColKey = (c: number) => heads.map((r) => planText.get(`${r},${c}`) ?? '').filter(Boolean).join('|');
    const liveHeads = heads.map((r) => rowMap[r]).filter((r): r is number => r !== undefined);
    const sheetColKey = (c: number) => liveHeads.map((r) => norm(at(r, c))).filter(Boolean).join('|');
    const colMap = align(Array.from({ length: plan.width }, (_, c) => planColKey(c)), Array.from({ length: width }, (_, c) => sheetColKey(c)));
    for (const c of b.cells) {
      const r = rowMap[c.row], k = colMap[c.col];
      if (r !== undefined && k !== undefined) addressOf[c.cellId!] = address(r, k);
    }
  }
  return addressOf;
}

/** Plan positions → sheet positions: a keyed position takes the next sheet position with that key; an unkeyed one the next position. */
function align(planKeys: readonly string[], sheetKeys: readonly string[]): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let cursor = 0;
  for (const key of planKeys) {
    if (!key) { out.push(cursor < sheetKeys.length || !sheetKeys.length ? cursor : undefined); cursor++; continue; }
    let i = cursor;
    while (i < sheetKeys.length && sheetKeys[i] !== key) i++;
    if (i < sheetKeys.length) { out.push(i); cursor = i + 1; } else out.push(undefined);
  }
  return out;
}

/** The draft cells at their live addresses: every cell of the plan, '' when blank or lost. */
export function readLiveCells(plan: SheetPlan, layout: LiveLayout, grid: SheetGrid): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of plan.cells) {
    if (!c.cellId) continue;
    const a = layout.addressOf[c.cellId];
    const p = a ? parseRange(a) : undefined;
    out[c.cellId] = p ? valueText(grid.values[p.top - grid.top]?.[p.left - grid.left]) ?? '' : '';
  }
  return out;
}

/** The bottom row (0-based) the grid reaches in the sheet now. */
export function liveBottom(plan: SheetPlan, layout: LiveLayout): number {
  let bottom = plan.height - 1;
  for (const a of Object.values(layout.addressOf)) bottom = Math.max(bottom, parseRange(a)!.bottom);
  return bottom;
}
