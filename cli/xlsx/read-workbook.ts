/**
 * A filled workbook (made by `nianbao template` or the add-in) → a draft. Cells are found by the defined names of
 * the plan (so rows inserted above a table do not matter); a formula cell is read by its cached value, or computed
 * from its SUM formula when the file has none (as files written by scripts often do).
 */
import ExcelJS from 'exceljs';
import {
  DRAFT_SCHEMA_ID, FORMAT_IDS, isFormatId, type Draft, type Finding, type FormatId,
} from '../../shared/index.js';
import { parseRange, sheetPlan, type Rect, type SheetPlan } from '../../shared/layout.js';
import { evaluateTotal } from '../../shared/layout/sum-formula.js';
import { numberText } from '../../shared/layout/values.js';
import { META_SHEET } from './meta.js';

export interface ReadOptions {
  /** Report year to assume when the workbook does not say. */
  year?: number;
}

export interface ReadResult {
  draft: Draft;
  findings: Finding[];
}

/** Thrown (with a Chinese message) when the file is not a workbook of this tool or lacks what a draft needs. */
export class WorkbookError extends Error {}

function readMeta(wb: ExcelJS.Workbook): Record<string, string> {
  const sheet = wb.getWorksheet(META_SHEET);
  const out: Record<string, string> = {};
  sheet?.eachRow((row) => {
    const key = row.getCell(1).text, value = row.getCell(2).text;
    if (key) out[key] = value;
  });
  return out;
}

/** Defined names of the workbook as name → { sheet, rect } (first range of each). */
function definedNames(wb: ExcelJS.Workbook): Map<string, { sheet: string; rect: Rect }> {
  const out = new Map<string, { sheet: string; rect: Rect }>();
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  for (const { name, ranges } of model) {
    const ref = ranges[0];
    const rect = ref ? parseRange(ref) : undefined;
    if (!ref || !rect) continue;
    const sheet = ref.slice(0, ref.lastIndexOf('!')).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    out.set(name, { sheet, rect });
  }
  return out;
}

/** The format whose block names the workbook carries (2019 has a fifth t2 block), for files without the meta sheet. */
function guessFormat(names: ReadonlyMap<string, unknown>): FormatId | undefined {
  return FORMAT_IDS.find((f) => {
    const plan = sheetPlan(f);
    return plan.names.every((n) => names.has(n.name)) && [...names.keys()].filter((k) => k.startsWith('NB_')).length === plan.names.length;
  });
}

/** The plan's title is 「{agency}{year}年{format title}」: a sheet the add-in laid out has no meta sheet, only this. */
function fromTitle(ws: ExcelJS.Worksheet | undefined): { year?: number; agency?: string } {
  const title = ws?.getCell('A1').text ?? '';
  const m = /(\d{4})年/.exec(title);
  if (!m) return {};
  const agency = title.slice(0, m.index).trim();
  return { year: Number(m[1]), ...(agency ? { agency } : {}) };
}

/** A cell as draft text: number → its text, formula → cached result or computed sum, rich text → plain text. */
function cellText(ws: ExcelJS.Worksheet, row: number, col: number, seen = new Set<string>()): string | undefined {
  const cell = ws.getCell(row + 1, col + 1);
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('formula' in v || 'sharedFormula' in v) {
    const formula = cell.formula;
    const key = `${row},${col}`;
    if (seen.has(key)) return undefined;
    // cell.result, not value.result: exceljs drops a cached 0 from the value object.
    const result = cell.result;
    if (result !== undefined && result !== null) {
      if (typeof result === 'number') return numberText(result);
      if (typeof result === 'object' && 'error' in result) return String(result.error);
      return String(result) || undefined;
    }
    if (!formula) return undefined;
    seen.add(key);
    const sum = evaluateTotal(formula, (r, c) => {
      const t = cellText(ws, r, c, seen);
      const n = t === undefined ? NaN : Number(t);
      return Number.isFinite(n) ? n : undefined;
    });
    seen.delete(key);
    return sum === undefined ? `=${formula}` : sum === '' ? undefined : numberText(sum);
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('') || undefined;
  if ('text' in v) return String(v.text) || undefined;
  if ('error' in v) return String(v.error);
  return cell.text || undefined;
}

/** Where each input block of the plan sits in the file: the offset of its defined name, else where the plan put it. */
function blockOffsets(plan: SheetPlan, names: ReturnType<typeof definedNames>) {
  return plan.names.map((n) => {
    const planned = parseRange(n.ref)!;
    const found = names.get(n.name);
    return {
      rect: planned,
      sheet: found?.sheet,
      dr: found ? found.rect.top - planned.top : 0,
      dc: found ? found.rect.left - planned.left : 0,
    };
  });
}

export async function readWorkbook(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookError(`不是有效的 .xlsx 工作簿：${(e as Error).message}`);
  }
  const meta = readMeta(wb);
  const names = definedNames(wb);
  const declared = meta['nianbao.format'];
  const format = declared && isFormatId(declared) ? declared : guessFormat(names);
  if (!format) throw new WorkbookError('找不到年报表格：这个工作簿不是用 nianbao template 或年报助手加载项生成的（缺少 NB_T3 等名称）');
  const plan = sheetPlan(format);
  const sheetName = meta.sheet || names.get('NB_T3')?.sheet || plan.sheetName;
  const main = wb.getWorksheet(sheetName) ?? wb.worksheets.find((w) => w.name !== META_SHEET);
  if (!main) throw new WorkbookError(`工作簿中没有“${sheetName}”工作表`);
  const titled = fromTitle(main);
  const year = options.year ?? (Number(meta.year) || titled.year || undefined);
  if (year === undefined) throw new WorkbookError('工作簿未写明报告年度，请用 --year 指定');

  const cells: Record<string, string> = {};
  for (const block of blockOffsets(plan, names)) {
    const ws = (block.sheet && wb.getWorksheet(block.sheet)) || main;
    for (const c of plan.cells) {
      if (!c.cellId || c.row < block.rect.top || c.row > block.rect.bottom || c.col < block.rect.left || c.col > block.rect.right) continue;
      const text = cellText(ws, c.row + block.dr, c.col + block.dc);
      if (text !== undefined) cells[c.cellId] = text;
    }
  }
  const agency = meta.agency ?? titled.agency ?? '';
  const draft: Draft = {
    schema: DRAFT_SCHEMA_ID, year, format, agency: { name: agency }, cells, narrative: {},
  };
  return { draft, findings: [] };
}
