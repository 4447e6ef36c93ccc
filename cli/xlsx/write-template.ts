/**
 * The official grids as an .xlsx workbook with the checks built in, written from the shared sheet plan with exceljs:
 * merges, labels, widths, borders, number formats, protection (labels locked, inputs unlocked, no password),
 * validation, conditional formats, total formulas, defined names and a hidden sheet naming the format.
 */
import ExcelJS from 'exceljs';
import { draftFormat, formatIdForYear, parseCell, type Draft, type FormatId } from '../../shared/index.js';
import { columnName, sheetPlan, parseRange, type PlanCell, type SheetPlan } from '../../shared/layout.js';
import { evaluateTotal } from '../../shared/layout/sum-formula.js';
import { META_SHEET, metaRows, TEMPLATE_SCHEMA } from '../../shared/xlsx/meta.js';

export interface TemplateOptions {
  year: number;
  agency?: string;
  /** Fill the inputs (and where they disagree, the totals) from this draft. */
  draft?: Draft;
}

export interface TemplateResult {
  bytes: Uint8Array;
  plan: SheetPlan;
  /** Totals written as the draft's number instead of a formula, because the draft's total differs from its parts. */
  overriddenTotals: string[];
  /** Draft cells the format of this year has no place for. */
  unplaced: string[];
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const THIN = { style: 'thin' } as const;

/** A draft cell as the workbook holds it: a number where the text is a plain number, the text otherwise. */
function cellContent(raw: string): number | string | undefined {
  const v = parseCell(raw);
  if (v.kind === 'blank') return undefined;
  if (v.kind === 'number' && !v.unit && !v.notes.includes('unsafe-integer')) return v.value!;
  return raw;
}

/** Values of input cells and decisions for total cells: formula with cached result, or the draft's own number. */
function fillFromDraft(plan: SheetPlan, cells: Readonly<Record<string, string>>) {
  const byPos = new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
  const written = new Map<PlanCell, number | string>();
  const overridden: string[] = [];
  for (const c of plan.cells) {
    if (c.role !== 'input') continue;
    const content = cells[c.cellId!] === undefined ? undefined : cellContent(cells[c.cellId!]!);
    if (content !== undefined) written.set(c, content);
  }
  const computed = new Map<PlanCell, number | ''>();
  const valueAt = (row: number, col: number): number | undefined => {
    const c = byPos.get(`${row},${col}`);
    if (!c) return undefined;
    if (c.role === 'total') return totalValue(c);
    const v = written.get(c);
    return typeof v === 'number' ? v : undefined;
  };
  const totalValue = (c: PlanCell): number | undefined => {
    if (written.has(c)) {
      const v = written.get(c);
      return typeof v === 'number' ? v : undefined;
    }
    if (computed.has(c)) {
      const v = computed.get(c);
      return typeof v === 'number' ? v : undefined;
    }
    const sum = evaluateTotal(c.formula!, valueAt) ?? '';
    const own = cells[c.cellId!] === undefined ? undefined : cellContent(cells[c.cellId!]!);
    if (own !== undefined && own !== sum) {
      written.set(c, own);
      overridden.push(c.cellId!);
      return typeof own === 'number' ? own : undefined;
    }
    computed.set(c, sum);
    return typeof sum === 'number' ? sum : undefined;
  };
  for (const c of plan.cells) if (c.role === 'total') totalValue(c);
  return { written, computed, overridden };
}

/**
 * One CJK family for digits and Chinese: 宋体 (SimSun), flagged as a GB2312 modern font so that WPS and LibreOffice
 * substitute their own Song/Ming face where SimSun is missing. 11 pt, so the printed page stays ≥ 9 pt after fitting.
 */
const FONT = { name: '宋体', family: 3, charset: 134, size: 11 } as const;

function styleCell(cell: ExcelJS.Cell, c: PlanCell): void {
  cell.font = { ...FONT, ...(c.bold ? { bold: true } : {}), ...(c.fontSize ? { size: c.fontSize } : {}) };
  cell.alignment = { vertical: 'middle', ...(c.align ? { horizontal: c.align } : {}), ...(c.wrap ? { wrapText: true } : {}) };
  if (c.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.fill) } };
  if (c.numberFormat) cell.numFmt = c.numberFormat;
  cell.protection = { locked: c.locked };
}

export async function writeTemplate(options: TemplateOptions): Promise<TemplateResult> {
  const format: FormatId | undefined = formatIdForYear(options.year) ?? (options.draft ? draftFormat(options.draft) : undefined);
  if (!format) throw new RangeError(`报告年度 ${options.year} 年早于 2019 年，没有对应的标准格式`);
  const agency = options.agency ?? (options.draft?.agency.name || undefined);
  const plan = sheetPlan(format, { year: options.year, ...(agency ? { agency } : {}) });
  const draftCells = options.draft?.cells ?? {};
  const { written, computed, overridden } = fillFromDraft(plan, draftCells);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  wb.title = plan.cells[0]?.text ?? '';
  wb.keywords = `${plan.property.key}=${format}`;
  wb.calcProperties = { fullCalcOnLoad: true };
  // A4 portrait: every part of the grid is at most t3's ten columns wide (t4 is drawn as its three groups), so
  // fitting to the page width keeps the text at ≥ 9 pt; each table starts a page; the title row repeats on each page.
  const ws = wb.addWorksheet(plan.sheetName, {
    views: [{ showGridLines: false }],
    pageSetup: {
      paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printArea: `A1:${columnName(plan.width - 1)}${plan.height}`, printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.properties.defaultRowHeight = 16;
  plan.columnWidths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  plan.rowHeights.forEach((h, i) => { if (h !== undefined) ws.getRow(i + 1).height = h; });

  for (const t of plan.tables) {
    const r = parseRange(t.ref)!;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) ws.getCell(row + 1, col + 1).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    }
  }
  for (const c of plan.cells) {
    const cell = ws.getCell(c.address);
    styleCell(cell, c);
    if (c.text !== undefined) cell.value = c.text;
    else if (written.has(c)) cell.value = written.get(c)!;
    else if (c.formula) cell.value = { formula: c.formula.replace(/^=/, ''), result: computed.get(c) ?? '' } as ExcelJS.CellFormulaValue;
  }
  for (const m of plan.merges) ws.mergeCells(`${m.from}:${m.to}`);
  for (const b of plan.pageBreaks) ws.getRow(b).addPageBreak(); // a break below row b (1-based) = before plan row b

  for (const v of plan.validations) {
    const r = parseRange(v.ref)!;
    const validation: ExcelJS.DataValidation = {
      type: v.type, operator: v.operator, allowBlank: true,
      formulae: v.formula2 === undefined ? [Number(v.formula1)] : [Number(v.formula1), Number(v.formula2)],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: v.errorTitle, error: v.error,
      ...(v.prompt ? { showInputMessage: true, promptTitle: v.promptTitle ?? '', prompt: v.prompt } : {}),
    };
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) ws.getCell(row + 1, col + 1).dataValidation = validation;
    }
  }
  plan.conditionalFormats.forEach((cf, i) => {
    ws.addConditionalFormatting({
      ref: cf.ref,
      rules: [{
        type: 'expression', priority: i + 1, formulae: [cf.formula.replace(/^=/, '')],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } }, font: { color: { argb: argb(cf.fontColor) }, bold: true } },
      }],
    });
  });
  for (const n of plan.names) wb.definedNames.add(n.ref, n.name);
  // As the add-in's grid: no password; inputs unlocked; no cell formatting, sorting, inserting or deleting.
  await ws.protect('', {
    selectLockedCells: true, selectUnlockedCells: true, formatCells: false, formatColumns: true, formatRows: true,
    sort: false, autoFilter: false, insertRows: false, insertColumns: false, deleteRows: false, deleteColumns: false,
  });

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  for (const row of metaRows({ schema: TEMPLATE_SCHEMA, format, year: options.year, ...(agency ? { agency } : {}), sheet: plan.sheetName })) meta.addRow(row);

  const buffer = await wb.xlsx.writeBuffer();
  const unplaced = Object.keys(draftCells).filter((id) => plan.addressOf[id] === undefined);
  return { bytes: new Uint8Array(buffer as ArrayBuffer), plan, overriddenTotals: overridden, unplaced };
}
