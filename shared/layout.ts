/**
 * One spreadsheet plan for the live add-in sheet and the .xlsx template: t2, t3 and t4 of a format laid out on one
 * sheet exactly as `tableGrids(format)` draws them, with styles, protection, a defined name per input block, data
 * validation per cell kind, starting SUM formulas in the total cells and conditional formats that turn a broken sum
 * red. Everything comes from `tableGrids`, `catalogue` and `relations`: no label, row list or sum is written here.
 */
import { catalogue, FORMATS, TABLE_IDS, tableGrids, type CellKind, type FormatId, type GridCell, type TableGrid, type TableId } from './formats/index.js';
import { RULES, type RuleId } from './rules/catalogue.js';
import { relations } from './rules/relations.js';
import { address, compactRanges, parseAddress, rangeOf, sheetRef, type Rect } from './layout/a1.js';
import { isSheetRelation, totalFormula, violationFormula, type Locate } from './layout/formulas.js';
import { LAYOUT_TEXTS } from './layout/texts.js';

export { address, columnName, parseAddress, parseRange, rangeOf, type Rect } from './layout/a1.js';
export { LAYOUT_TEXTS, SHAPE_TEXTS, TABLE_TITLE } from './layout/texts.js';
export { liveBottom, locateGrid, parseNameFormula, readLiveCells, type LiveLayout, type LiveName, type SheetGrid } from './layout/live.js';
export { cellsFromValues } from './layout/values.js';

export interface PlanCell {
  /** 'B5' (A1 style, relative to the sheet, origin A1). */
  address: string;
  /** 0-based. */
  row: number; col: number;
  role: 'title' | 'caption' | 'header' | 'note' | 'label' | 'input' | 'total';
  /** Titles, captions, headers, notes, labels: from tableGrids, never retyped. */
  text?: string;
  /** Input and total cells: the SPEC cell id. */
  cellId?: string;
  kind?: CellKind;
  /** Total cells start as e.g. '=SUM($D$7:$I$7)'; inputs have none. */
  formula?: string;
  /** '0', '+0;-0;0', '0.00####' */
  numberFormat?: string;
  /** Labels locked; inputs and totals unlocked. */
  locked: boolean;
  /** '#RRGGBB' tint of input and total cells. */
  fill?: string;
  bold?: boolean; wrap?: boolean; align?: 'left' | 'center' | 'right';
  /** Font size in points where it differs from the sheet's default (titles). */
  fontSize?: number;
}

export interface PlanValidation {
  /** A rectangle without sheet name, e.g. 'D7:J31'. */
  ref: string;
  kind: CellKind;
  type: 'whole' | 'decimal';
  operator: 'greaterThanOrEqual' | 'between';
  formula1: string; formula2?: string;
  errorTitle: string; error: string;
  promptTitle?: string; prompt?: string;
}

export interface PlanConditionalFormat {
  /** The cell the rule marks (one cell, no sheet name). */
  ref: string;
  /** TRUE when the relation is broken; absolute references, leading '=' (strip it for OOXML). */
  formula: string;
  rule: RuleId;
  fill: string; fontColor: string;
}

export interface SheetPlan {
  format: FormatId;
  sheetName: string;
  /** In characters, per column (index 0 = column A). */
  columnWidths: number[];
  /** In points, per row; undefined = the sheet's default. */
  rowHeights: (number | undefined)[];
  cells: PlanCell[];
  /** Merged areas: every grid cell with rowSpan/colSpan > 1 and the document title. */
  merges: { from: string; to: string }[];
  /** A defined name per input block, ref like "'年报表格'!$D$8:$J$32". */
  names: { name: string; ref: string; table: TableId }[];
  validations: PlanValidation[];
  /** From relations(format), this-year terms only: a broken sum turns its cell red with no add-in. */
  conditionalFormats: PlanConditionalFormat[];
  /** cell id → address */
  addressOf: Record<string, string>;
  /** address → cell id */
  cellAt: Record<string, string>;
  /** Worksheet custom property so the add-in recognises its sheet. */
  property: { key: 'nianbao.format'; value: FormatId };
  /** Each table's drawn area (no sheet name): thin borders on every cell inside. */
  tables: { table: TableId; ref: string }[];
  /** Rows (0-based) that start a new printed page: the title rows of t3 and t4. */
  pageBreaks: number[];
  /** Number of rows and columns the plan uses. */
  height: number; width: number;
}

export interface SheetPlanOptions {
  agency?: string; year?: number; sheetName?: string;
  /**
   * 'groups' (default): t4 drawn as its three column groups, for A4 portrait. 'row': t4 as one fifteen-column row,
   * as sheets and templates made before 2026-12 have it (names NB_T4 instead of NB_T4_1..3) — to read those.
   */
  wideTables?: 'groups' | 'row';
}

/** The layout of a sheet made by an earlier version (t4 as one row), recognised by its single NB_T4 name. */
export function isRowLayout(names: readonly string[]): boolean {
  const upper = new Set(names.map((n) => n.toUpperCase()));
  return upper.has('NB_T4') && !upper.has('NB_T4_1');
}

export const PLAN_COLORS = {
  input: '#FFF2CC',
  total: '#DDEBF7',
  error: { fill: '#FFC7CE', fontColor: '#9C0006' },
  warning: { fill: '#FCD5B4', fontColor: '#974706' },
} as const;

const NUMBER_FORMATS: Readonly<Record<CellKind, string>> = { count: '0', delta: '+0;-0;0', amount: '0.00####' };

const VALIDATION: Readonly<Record<CellKind, Pick<PlanValidation, 'type' | 'operator' | 'formula1' | 'formula2'>>> = {
  count: { type: 'whole', operator: 'greaterThanOrEqual', formula1: '0' },
  delta: { type: 'whole', operator: 'between', formula1: '-1000000000', formula2: '1000000000' },
  amount: { type: 'decimal', operator: 'greaterThanOrEqual', formula1: '0' },
};

/** Display width of text in column-width units: CJK characters count double. */
function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return n;
}

/** Column widths (characters, CJK double) are capped so that t3's ten columns print on A4 portrait at ≥ 9 pt; labels wrap. */
const WIDTH_CAP: Readonly<Record<string, number>> = { label: 14, header: 10, caption: 10, note: 10, value: 10 };
const LINE_HEIGHT = 16;

/** Where each value cell of each block sits: the blocks are runs of grid rows holding value cells. */
function valueBlocks(cells: readonly { cell: GridCell; row: number }[]): GridCell[][] {
  const blocks: GridCell[][] = [];
  let lastRow = -2;
  for (const { cell, row } of cells) {
    if (cell.role !== 'value') continue;
    if (row > lastRow + 1 || !blocks.length) blocks.push([]);
    blocks[blocks.length - 1]!.push(cell);
    lastRow = row;
  }
  return blocks;
}

/** Widest table printed in portrait on A4 at ≥ 9 pt (t3's ten columns). */
const PRINT_MAX_COLUMNS = 10;

/**
 * A table's columns as groups to draw one under the other: the whole table when it is narrow enough; otherwise
 * (t4's fifteen columns) runs of columns whose value cells belong to one row of the catalogue (行政复议,
 * 未经复议直接起诉, 复议后起诉). Headings spanning several groups are repeated over each.
 */
export function columnGroups(grid: TableGrid, wide: 'groups' | 'row' = 'groups'): { cells: GridCell[]; width: number; height: number }[] {
  const all = grid.rows.flat();
  if (grid.width <= PRINT_MAX_COLUMNS || wide === 'row') return [{ cells: [...all], width: grid.width, height: grid.height }];
  const keyAt = new Map<number, string>();
  for (const c of all) if (c.role === 'value') for (let j = 0; j < c.colSpan; j++) keyAt.set(c.col + j, c.cellId!.split('.').slice(0, 2).join('.'));
  const ranges: [number, number][] = [];
  for (let col = 0; col < grid.width; col++) {
    const last = ranges[ranges.length - 1];
    if (last && keyAt.get(last[0]) === keyAt.get(col)) last[1] = col;
    else ranges.push([col, col]);
  }
  return ranges.map(([a, b]) => ({
    cells: all.filter((c) => c.col <= b && c.col + c.colSpan - 1 >= a).map((c) => {
      const from = Math.max(a, c.col), to = Math.min(b, c.col + c.colSpan - 1);
      return { ...c, col: from - a, colSpan: to - from + 1 };
    }),
    width: b - a + 1,
    height: grid.height,
  }));
}

/** Greedy split of a block into rectangles of one kind each (validations are per rectangle). */
function kindRects(rect: Rect, kindAt: (r: number, c: number) => CellKind | undefined): { rect: Rect; kind: CellKind }[] {
  const done = new Set<string>();
  const out: { rect: Rect; kind: CellKind }[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const kind = kindAt(r, c);
      if (!kind || done.has(`${r},${c}`)) continue;
      let right = c;
      while (right < rect.right && kindAt(r, right + 1) === kind && !done.has(`${r},${right + 1}`)) right++;
      let bottom = r;
      const rowFits = (rr: number) => {
        for (let cc = c; cc <= right; cc++) if (kindAt(rr, cc) !== kind || done.has(`${rr},${cc}`)) return false;
        return true;
      };
      while (bottom < rect.bottom && rowFits(bottom + 1)) bottom++;
      for (let rr = r; rr <= bottom; rr++) for (let cc = c; cc <= right; cc++) done.add(`${rr},${cc}`);
      out.push({ rect: { top: r, left: c, bottom, right }, kind });
    }
  }
  return out;
}

export function sheetPlan(format: FormatId, options: SheetPlanOptions = {}): SheetPlan {
  const sheetName = options.sheetName ?? LAYOUT_TEXTS.sheetName;
  const grids = tableGrids(format);
  const cat = catalogue(format);
  const wide = options.wideTables ?? 'groups';
  const width = Math.max(...TABLE_IDS.flatMap((t) => columnGroups(grids[t], wide).map((g) => g.width)));
  const cells: PlanCell[] = [];
  const merges: SheetPlan['merges'] = [];
  const spans: { cell: PlanCell; rowSpan: number; colSpan: number }[] = [];
  const names: SheetPlan['names'] = [];
  const tables: SheetPlan['tables'] = [];
  const addressOf: Record<string, string> = {};
  const cellAt: Record<string, string> = {};
  const position = new Map<string, { row: number; col: number }>();
  const kindGrid = new Map<string, CellKind>();
  const blockRects: { table: TableId; rect: Rect }[] = [];

  const place = (cell: PlanCell, rowSpan = 1, colSpan = 1) => {
    cells.push(cell);
    spans.push({ cell, rowSpan, colSpan });
    if (rowSpan > 1 || colSpan > 1) merges.push({ from: cell.address, to: address(cell.row + rowSpan - 1, cell.col + colSpan - 1) });
  };

  const title = `${options.agency ?? ''}${options.year ? `${options.year}年` : ''}${FORMATS[format].title}`;
  place({ address: 'A1', row: 0, col: 0, role: 'title', text: title, locked: true, bold: true, align: 'center', fontSize: 16 }, 1, width);

  let origin = 2;
  const tableTitles: { table: TableId; row: number }[] = [];
  for (const t of TABLE_IDS) {
    const grid = grids[t];
    place({ address: address(origin, 0), row: origin, col: 0, role: 'title', text: grid.title, locked: true, bold: true, align: 'left', fontSize: 12 });
    tableTitles.push({ table: t, row: origin });
    let top = origin + 1;
    // A table too wide for an A4 page in portrait (t4) is drawn as its column groups, one under the other.
    for (const slice of columnGroups(grid, wide)) {
      const located = slice.cells.map((cell) => ({ cell, row: top + cell.row }));
      for (const { cell, row } of located) {
        const col = cell.col;
        const base = { address: address(row, col), row, col };
        if (cell.role === 'value') {
          const id = cell.cellId!;
          const kind = cat.byId.get(id)!.kind;
          place({ ...base, role: 'input', cellId: id, kind, numberFormat: NUMBER_FORMATS[kind], locked: false, fill: PLAN_COLORS.input, align: 'right' }, cell.rowSpan, cell.colSpan);
          addressOf[id] = base.address;
          cellAt[base.address] = id;
          position.set(id, { row, col });
          for (let i = 0; i < cell.rowSpan; i++) for (let j = 0; j < cell.colSpan; j++) kindGrid.set(`${row + i},${col + j}`, kind);
        } else {
          const heading = cell.role !== 'label';
          place({
            ...base, role: cell.role, text: cell.text!, locked: true, wrap: true, bold: cell.role === 'caption' || cell.role === 'header',
            align: heading ? 'center' : 'left',
          }, cell.rowSpan, cell.colSpan);
        }
      }
      for (const block of valueBlocks(located)) {
        const rect = block.reduce<Rect>((r, c) => {
          const p = position.get(c.cellId!)!;
          return { top: Math.min(r.top, p.row), left: Math.min(r.left, p.col), bottom: Math.max(r.bottom, p.row + c.rowSpan - 1), right: Math.max(r.right, p.col + c.colSpan - 1) };
        }, { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity });
        blockRects.push({ table: t, rect });
      }
      tables.push({ table: t, ref: rangeOf({ top, left: 0, bottom: top + slice.height - 1, right: slice.width - 1 }) });
      top += slice.height + 1;
    }
    const own = blockRects.filter((b) => b.table === t);
    own.forEach((b, i) => names.push({ name: own.length > 1 ? `NB_${t.toUpperCase()}_${i + 1}` : `NB_${t.toUpperCase()}`, ref: sheetRef(sheetName, b.rect), table: t }));
    origin = top;
  }
  const height = origin - 1;

  // Totals: the single this-year actual cell of a '=' sum of this-year cells starts as a SUM formula.
  const at: Locate = (id) => {
    const p = position.get(id);
    if (!p) throw new Error(`relation names cell ${id}, which format ${format} does not lay out`);
    return p;
  };
  const byId = new Map(cells.filter((c) => c.cellId).map((c) => [c.cellId!, c]));
  const sheetRelations = relations(format).filter(isSheetRelation);
  for (const r of sheetRelations) {
    const formula = totalFormula(r, at);
    const cell = byId.get(r.actual[0]!.ref)!;
    if (!formula || cell.formula) continue;
    Object.assign(cell, { role: 'total', formula, fill: PLAN_COLORS.total, bold: true });
  }

  const conditionalFormats: PlanConditionalFormat[] = sheetRelations.flatMap((r) => {
    const formula = violationFormula(r, at);
    const colors = RULES[r.rule].severity === 'error' ? PLAN_COLORS.error : PLAN_COLORS.warning;
    return r.actual.map((term) => ({ ref: addressOf[term.ref]!, formula, rule: r.rule, ...colors }));
  });

  const validations: PlanValidation[] = blockRects.flatMap(({ rect }) =>
    kindRects(rect, (r, c) => kindGrid.get(`${r},${c}`)).map(({ rect: k, kind }) => ({
      ref: rangeOf(k), kind, ...VALIDATION[kind], ...LAYOUT_TEXTS.validation[kind],
    })));

  // Text, or a negative where the kind forbids it, turns an input red; so does a total whose parts hold text (SUM
  // leaves text out and would show a plausible total). Relative references: the rule is written once per rectangle.
  for (const { rect } of blockRects) {
    for (const { rect: k, kind } of kindRects(rect, (r, c) => kindGrid.get(`${r},${c}`))) {
      const tl = address(k.top, k.left);
      const text = `AND(${tl}<>"",NOT(ISNUMBER(${tl})))`;
      conditionalFormats.push({
        ref: rangeOf(k), formula: kind === 'delta' ? `=${text}` : `=OR(${text},AND(ISNUMBER(${tl}),${tl}<0))`,
        rule: kind === 'count' ? 'cell.not-a-count' : 'cell.not-a-number', ...PLAN_COLORS.error,
      });
    }
  }
  for (const r of sheetRelations) {
    const cell = byId.get(r.actual[0]!.ref)!;
    if (cell.role !== 'total' || !cell.formula || r.actual.length !== 1 || !cell.formula.includes(compactRanges(r.expected.map((t) => at(t.ref))).join(','))) continue;
    // Text among the parts = parts − numbers − blanks (COUNTBLANK also counts a part total left "" by its formula);
    // the same in Excel, WPS and LibreOffice, where COUNTIF wildcards are not.
    const parts = compactRanges(r.expected.map((t) => at(t.ref)));
    const formula = `=${r.expected.length}-COUNT(${parts.join(',')})${parts.map((p) => `-COUNTBLANK(${p})`).join('')}>0`;
    conditionalFormats.push({ ref: cell.address, formula, rule: r.rule, ...PLAN_COLORS.error });
  }

  // Widths from single-column cells; heights so that wrapped text fits its merged area.
  const columnWidths = Array.from({ length: width }, () => 9);
  for (const { cell, colSpan } of spans) {
    if (colSpan !== 1 || cell.role === 'title') continue;
    const role = cell.role === 'input' || cell.role === 'total' ? 'value' : cell.role;
    const want = Math.min(textUnits(cell.text ?? '') + 2, WIDTH_CAP[role] ?? 10);
    columnWidths[cell.col] = Math.max(columnWidths[cell.col]!, want, role === 'value' ? 8 : 0);
  }
  const rowHeights: (number | undefined)[] = Array.from({ length: height }, () => undefined);
  rowHeights[0] = 28;
  for (const { cell, rowSpan, colSpan } of spans) {
    if (!cell.text || !cell.wrap) continue;
    let w = 0;
    for (let j = 0; j < colSpan; j++) w += columnWidths[cell.col + j]!;
    const lines = Math.ceil(textUnits(cell.text) / Math.max(1, w - 1));
    const perRow = Math.ceil((lines * LINE_HEIGHT + 4) / rowSpan);
    if (perRow <= 20) continue;
    for (let i = 0; i < rowSpan; i++) rowHeights[cell.row + i] = Math.max(rowHeights[cell.row + i] ?? 0, perRow);
  }

  return {
    format, sheetName, columnWidths, rowHeights, cells, merges, names, validations, conditionalFormats, addressOf, cellAt,
    property: { key: 'nianbao.format', value: format }, tables, height, width, pageBreaks: tableTitles.slice(1).map((t) => t.row),
  };
}

/** The plan cell at an address, or undefined (a cell covered by a merge has none). */
export function planCellAt(plan: SheetPlan, a: string): PlanCell | undefined {
  const p = parseAddress(a);
  return p && plan.cells.find((c) => c.row === p.row && c.col === p.col);
}
