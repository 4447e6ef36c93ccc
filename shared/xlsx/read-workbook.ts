/**
 * A filled workbook (made by `nianbao template` or the add-in) → a draft. Cells are found by the defined names of
 * the plan (so rows inserted above a table do not matter); a formula cell is read by its cached value, or computed
 * from its SUM formula when the file has none (as files written by scripts often do). Pure: bytes in, draft out,
 * shared by the CLI and the bot.
 */
import { DRAFT_SCHEMA_ID, type Draft } from '../draft.js';
import { FORMAT_IDS, isFormatId, type FormatId } from '../formats/index.js';
import { isRowLayout, parseRange, sheetPlan, type Rect, type SheetPlan, type SheetPlanOptions } from '../layout.js';
import { evaluateTotal } from '../layout/sum-formula.js';
import { numberText } from '../layout/values.js';
import { IMPORT_MESSAGES } from '../messages.js';
import { META_SHEET } from './meta.js';
import { COLS, readWorkbookPackage, type StoredSheet, type WorkbookPackage } from './package.js';

export interface ReadOptions {
  /** Report year to assume when the workbook does not say. */
  year?: number;
}

export interface WorkbookRead {
  /** The values typed or computed in the grid; blank cells are left out. */
  draft: Draft;
  /**
   * Every cell id of the plan's input blocks: a workbook made by this tool has all its tables, so a blank one of
   * these is a blank cell of a table that is present, not a missing table.
   */
  laidOut: readonly string[];
  /** Cells whose value a formula computes: the clerk did not type them, so no finding may ask them to. */
  computed: ReadonlySet<string>;
}

/** Thrown (with a Chinese message) when the file is not a workbook of this tool or lacks what a draft needs. */
export class WorkbookError extends Error {}

const UNREADABLE_PACKAGE = '.xlsx 工作簿中没有 xl/workbook.xml，不是有效的工作簿';

function sheetByName(book: WorkbookPackage, name: string | undefined): StoredSheet | undefined {
  return name === undefined ? undefined : book.sheets.find((s) => s.name === name);
}

/** A cell's text as stored (formula cells by their cached value only), or undefined when it holds nothing. */
function storedText(book: WorkbookPackage, sheet: StoredSheet, row: number, col: number): string | undefined {
  const c = sheet.cells.get(row * COLS + col);
  if (!c) return undefined;
  switch (c.type) {
    case 's': {
      const s = c.value === undefined ? undefined : book.sharedStrings[Number(c.value)];
      return s || undefined;
    }
    case 'inlineStr': return c.inline || undefined;
    case 'b': return c.value === undefined ? undefined : c.value === '1' ? 'TRUE' : 'FALSE';
    case 'str': case 'e': return c.value || undefined;
    default: {
      if (c.value === undefined || c.value === '') return undefined;
      const n = Number(c.value);
      return Number.isFinite(n) ? numberText(n) : c.value;
    }
  }
}

/** A cell as draft text: a value → its text, a formula → cached result or computed sum. */
function cellText(book: WorkbookPackage, sheet: StoredSheet, row: number, col: number, seen = new Set<number>()): string | undefined {
  const key = row * COLS + col;
  const c = sheet.cells.get(key);
  if (!c) return undefined;
  if (c.formula === undefined || c.value !== undefined) return storedText(book, sheet, row, col);
  if (!c.formula || seen.has(key)) return undefined;
  seen.add(key);
  const sum = evaluateTotal(c.formula, (r, k) => {
    const t = cellText(book, sheet, r, k, seen);
    const n = t === undefined ? NaN : Number(t);
    return Number.isFinite(n) ? n : undefined;
  });
  seen.delete(key);
  return sum === undefined || sum === '' ? undefined : numberText(sum);
}

function metaOf(book: WorkbookPackage): Record<string, string> {
  const sheet = sheetByName(book, META_SHEET);
  const out: Record<string, string> = {};
  if (!sheet) return out;
  const rows = new Set([...sheet.cells.keys()].map((k) => Math.floor(k / COLS)));
  for (const r of rows) {
    const key = storedText(book, sheet, r, 0);
    if (key) out[key] = storedText(book, sheet, r, 1) ?? '';
  }
  return out;
}

/** Defined names as name → { sheet, rect } (first range of each). */
function definedNames(book: WorkbookPackage): Map<string, { sheet: string; rect: Rect }> {
  const out = new Map<string, { sheet: string; rect: Rect }>();
  for (const [name, formula] of book.names) {
    const ref = formula.split(',')[0]!;
    const rect = parseRange(ref);
    if (!rect || !ref.includes('!')) continue;
    const sheet = ref.slice(0, ref.lastIndexOf('!')).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    out.set(name, { sheet, rect });
  }
  return out;
}

/** The format whose block names the workbook carries (2019 has a fifth t2 block), for files without the meta sheet. */
function guessFormat(names: ReadonlyMap<string, unknown>, layout: SheetPlanOptions): FormatId | undefined {
  return FORMAT_IDS.find((f) => {
    const plan = sheetPlan(f, layout);
    return plan.names.every((n) => names.has(n.name)) && [...names.keys()].filter((k) => k.startsWith('NB_')).length === plan.names.length;
  });
}

/** The plan's title is 「{agency}{year}年{format title}」: a sheet the add-in laid out has no meta sheet, only this. */
function fromTitle(book: WorkbookPackage, sheet: StoredSheet): { year?: number; agency?: string } {
  const title = storedText(book, sheet, 0, 0) ?? '';
  const m = /(\d{4})年/.exec(title);
  if (!m) return {};
  const agency = title.slice(0, m.index).trim();
  return { year: Number(m[1]), ...(agency ? { agency } : {}) };
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

export function readWorkbook(bytes: Uint8Array, options: ReadOptions = {}): WorkbookRead {
  const pkg = readWorkbookPackage(bytes);
  if (!pkg.ok) throw new WorkbookError(pkg.reason === 'no-workbook' ? UNREADABLE_PACKAGE : IMPORT_MESSAGES.zipFailure('.xlsx', pkg.reason));
  const { book } = pkg;
  const meta = metaOf(book);
  const names = definedNames(book);
  const declared = meta['nianbao.format'];
  // Sheets made before t4 was drawn as three column groups carry one NB_T4 name: read them with that layout.
  const layout: SheetPlanOptions = isRowLayout([...names.keys()]) ? { wideTables: 'row' } : {};
  const format = declared && isFormatId(declared) ? declared : guessFormat(names, layout);
  if (!format) throw new WorkbookError('找不到年报表格：这个工作簿不是用 nianbao template 或年报助手加载项生成的（缺少 NB_T3 等名称）');
  const plan = sheetPlan(format, layout);
  const sheetName = meta.sheet || names.get('NB_T3')?.sheet || plan.sheetName;
  const main = sheetByName(book, sheetName) ?? book.sheets.find((s) => s.name !== META_SHEET);
  if (!main) throw new WorkbookError(`工作簿中没有“${sheetName}”工作表`);
  const titled = fromTitle(book, main);
  const year = options.year ?? (Number(meta.year) || titled.year || undefined);
  if (year === undefined) throw new WorkbookError('工作簿未写明报告年度，请用 --year 指定');

  const cells: Record<string, string> = {};
  const laidOut: string[] = [];
  const computed = new Set<string>();
  for (const block of blockOffsets(plan, names)) {
    const sheet = sheetByName(book, block.sheet) ?? main;
    for (const c of plan.cells) {
      if (!c.cellId || c.row < block.rect.top || c.row > block.rect.bottom || c.col < block.rect.left || c.col > block.rect.right) continue;
      const row = c.row + block.dr, col = c.col + block.dc;
      laidOut.push(c.cellId);
      if (sheet.cells.get(row * COLS + col)?.formula !== undefined) computed.add(c.cellId);
      const text = cellText(book, sheet, row, col);
      if (text !== undefined) cells[c.cellId] = text;
    }
  }
  const agency = meta.agency ?? titled.agency ?? '';
  const draft: Draft = { schema: DRAFT_SCHEMA_ID, year, format, agency: { name: agency }, cells, narrative: {} };
  return { draft, laidOut, computed };
}

/** The draft as a check sees the grid: every laid-out cell present, the blank ones as '' (SPEC §5: blank). */
export function gridCells(read: WorkbookRead): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of read.laidOut) out[id] = read.draft.cells[id] ?? '';
  return out;
}
