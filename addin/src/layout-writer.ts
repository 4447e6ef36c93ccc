/**
 * 「插入标准表格」: writes a sheet plan (shared/layout.ts) onto a new worksheet — texts and SUM formulas, merges,
 * borders, widths, number formats, locked labels and tinted inputs, defined names, data validation with Chinese
 * alerts, the conditional formats that turn a broken sum red, the custom properties that mark the sheet, and the
 * sheet protection. Two syncs: one to learn the sheet names, one to write everything.
 */
import { sheetPlan, type PlanCell, type SheetPlan } from '../../shared/layout.js';
import type { FormatId } from '../../shared/formats/index.js';
import type { BorderSide, ExcelHost, XRange, XWorksheet } from './office-types.js';

export const PROPERTY_YEAR = 'nianbao.year';
export const PROPERTY_AGENCY = 'nianbao.agency';
/** A key for the sheet that survives reopening (worksheet ids need not): last year's report is kept under it. */
export const PROPERTY_KEY = 'nianbao.key';

/**
 * How the grid is protected: no password; inputs and totals unlocked (the plan's locked flags), labels and layout
 * locked; no cell formatting, sorting, filtering, inserting or deleting rows and columns. Column widths and row
 * heights may change (a clerk widening a column for printing breaks nothing).
 */
export const GRID_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: false, allowFormatColumns: true, allowFormatRows: true, allowSort: false, allowAutoFilter: false,
  allowInsertRows: false, allowInsertColumns: false, allowDeleteRows: false, allowDeleteColumns: false,
  allowInsertHyperlinks: false, allowEditObjects: false, allowEditScenarios: false, allowPivotTables: false,
};

export interface InsertOptions { format: FormatId; year: number; agency: string }

/** Column width in points for a width in characters (Excel's default font: 7 px per character plus 5 px padding). */
export const pointsForChars = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 10) / 10;

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;

/** A first free sheet name: 年报表格, 年报表格 (2), … */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base} (${i})`.toLowerCase())) return `${base} (${i})`;
}

/** Style of a cell as a key, so runs of equal cells in a row are formatted with one range. */
function styleKey(c: PlanCell): string {
  return [c.fill ?? '', c.bold ? 'b' : '', c.wrap ? 'w' : '', c.align ?? '', c.locked ? 'L' : 'U', c.fontSize ?? ''].join('|');
}

function applyStyle(r: XRange, c: PlanCell): void {
  if (c.fill) r.format.fill.color = c.fill;
  if (c.bold) r.format.font.bold = true;
  if (c.fontSize) r.format.font.size = c.fontSize;
  if (c.wrap) r.format.wrapText = true;
  if (c.align) r.format.horizontalAlignment = ALIGN[c.align];
  r.format.verticalAlignment = 'Center';
  r.format.protection.locked = c.locked;
}

function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Queues every write of the plan on `sheet` (no sync). */
export function writePlan(sheet: XWorksheet, plan: SheetPlan, extraProps: Record<string, string>): void {
  const area = `A1:${columnName(plan.width - 1)}${plan.height}`;
  // Texts and formulas in one write; number formats in one write.
  const formulas: string[][] = Array.from({ length: plan.height }, () => Array<string>(plan.width).fill(''));
  const numberFormat: string[][] = Array.from({ length: plan.height }, () => Array<string>(plan.width).fill('General'));
  for (const c of plan.cells) {
    const row = formulas[c.row];
    if (!row) continue;
    row[c.col] = c.formula ?? (c.text !== undefined ? (/^[=+\-@]/.test(c.text) ? `'${c.text}` : c.text) : '');
    if (c.numberFormat) numberFormat[c.row]![c.col] = c.numberFormat;
  }
  const all = sheet.getRange(area);
  all.numberFormat = numberFormat;
  all.formulas = formulas;
  all.format.protection.locked = true;

  plan.columnWidths.forEach((w, col) => { sheet.getRange(`${columnName(col)}1`).format.columnWidth = pointsForChars(w); });
  plan.rowHeights.forEach((h, row) => { if (h !== undefined) sheet.getRange(`A${row + 1}`).format.rowHeight = h; });

  // Styles in runs of equal cells per row.
  const byRow = new Map<number, PlanCell[]>();
  for (const c of plan.cells) (byRow.get(c.row) ?? byRow.set(c.row, []).get(c.row)!).push(c);
  for (const cells of byRow.values()) {
    cells.sort((a, b) => a.col - b.col);
    let start = 0;
    for (let i = 1; i <= cells.length; i++) {
      const first = cells[start]!, prev = cells[i - 1]!, cur = cells[i];
      if (cur && cur.col === prev.col + 1 && styleKey(cur) === styleKey(first)) continue;
      applyStyle(sheet.getRange(`${first.address}:${prev.address}`), first);
      start = i;
    }
  }

  for (const m of plan.merges) sheet.getRange(`${m.from}:${m.to}`).merge(false);
  for (const t of plan.tables) {
    const r = sheet.getRange(t.ref);
    for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] satisfies BorderSide[]) {
      r.format.borders.getItem(side).style = 'Continuous';
    }
  }

  for (const v of plan.validations) {
    const r = sheet.getRange(v.ref);
    const operator = v.operator === 'between' ? 'Between' : 'GreaterThanOrEqualTo';
    const basic = { formula1: v.formula1, ...(v.formula2 !== undefined ? { formula2: v.formula2 } : {}), operator } as const;
    r.dataValidation.rule = v.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
    r.dataValidation.ignoreBlanks = true;
    r.dataValidation.errorAlert = { title: v.errorTitle, message: v.error, showAlert: true, style: 'Stop' };
    if (v.prompt) r.dataValidation.prompt = { title: v.promptTitle ?? '', message: v.prompt, showPrompt: true };
  }

  for (const cf of plan.conditionalFormats) {
    const f = sheet.getRange(cf.ref).conditionalFormats.add('Custom');
    f.custom.rule.formula = cf.formula;
    f.custom.format.fill.color = cf.fill;
    f.custom.format.font.color = cf.fontColor;
  }

  sheet.customProperties.add(plan.property.key, plan.property.value);
  for (const [k, v] of Object.entries(extraProps)) sheet.customProperties.add(k, v);
  sheet.showGridlines = false;
}

/** The grid's defined names, scoped to its sheet (each 年报 sheet owns its names; they move with the sheet's rows). */
export function writeGridNames(sheet: XWorksheet, plan: SheetPlan): void {
  for (const n of plan.names) sheet.names.add(n.name, `=${n.ref}`);
}

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Lays the official grids out on a new sheet; returns the plan (with the sheet name used) and the sheet's id. */
export async function insertStandardSheet(host: ExcelHost, options: InsertOptions): Promise<{ plan: SheetPlan; id: string; key: string }> {
  return host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load('items/name');
    await ctx.sync();
    const base = sheetPlan(options.format, { agency: options.agency, year: options.year });
    const plan = sheetPlan(options.format, {
      agency: options.agency, year: options.year, sheetName: freeSheetName(base.sheetName, sheets.items.map((s) => s.name)),
    });
    const key = newKey();

    ctx.runtime.enableEvents = false;
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    const sheet = ctx.workbook.worksheets.add(plan.sheetName);
    writePlan(sheet, plan, { [PROPERTY_YEAR]: String(options.year), [PROPERTY_AGENCY]: options.agency.slice(0, 200), [PROPERTY_KEY]: key });
    writeGridNames(sheet, plan);
    sheet.protection.protect(GRID_PROTECTION);
    // The workbook now holds a grid: Office opens the pane with it (manifest TaskpaneId Office.AutoShowTaskpaneWithDocument).
    ctx.workbook.settings.add('Office.AutoShowTaskpaneWithDocument', true);
    sheet.activate();
    const first = plan.cells.find((c) => c.role === 'input');
    if (first) sheet.getRange(first.address).select();
    ctx.runtime.enableEvents = true;
    sheet.load('id');
    await ctx.sync();
    return { plan, id: sheet.id, key };
  });
}
