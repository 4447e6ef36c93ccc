/** The workbook state behind the fake Excel host: what Excel itself would hold, with no load/sync concerns. */
import { OfficeError } from './client.js';
import { colLetters, evaluate, parseRef, type RefRect, type Scalar } from './formula.js';

export type { RefRect, Scalar } from './formula.js';

export interface CellModel {
  value: Scalar;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  fontSize?: number;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  locked?: boolean;
  borders?: Record<string, string>;
}

export interface ValidationModel {
  rect: RefRect;
  rule?: Excel.DataValidationRule;
  errorAlert?: Excel.DataValidationErrorAlert;
  prompt?: Excel.DataValidationPrompt;
  ignoreBlanks?: boolean;
}

export interface ConditionalFormatModel { rect: RefRect; formula: string; fill?: string; fontColor?: string }

export interface NameModel { name: string; ref: string }

export function rectAddress(r: RefRect): string {
  const a = `${colLetters(r.left)}${r.top + 1}`;
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${colLetters(r.right)}${r.bottom + 1}`;
}

/** 'A1', 'B2:C3', 'A:A', '3:3', optionally after a sheet name ('年报表格'!B2 or Sheet1!B2). */
export function splitAddress(address: string): { sheet?: string; local: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!'][^!]*))!(.+)$/.exec(address);
  if (!m) return { local: address };
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), local: m[3]! };
}

export function parseLocal(local: string): RefRect {
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(local);
  if (cols) return parseRef(`${cols[1]}1:${cols[2]}1048576`);
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(local);
  if (rows) return parseRef(`A${rows[1]}:XFD${rows[2]}`);
  return parseRef(local);
}

export const overlaps = (a: RefRect, b: RefRect) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
export const contains = (a: RefRect, r: number, c: number) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right;

let nextId = 1;

export class SheetModel {
  readonly id = `{FAKE-SHEET-${nextId++}}`;
  readonly cells = new Map<string, CellModel>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly merges: RefRect[] = [];
  readonly validations: ValidationModel[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly customProperties = new Map<string, string>();
  readonly names = new Map<string, NameModel>();
  showGridlines = true;
  /** Sheet protection as Excel holds it: absent when unprotected. */
  protection?: { password?: string; options: Excel.WorksheetProtectionOptions };
  constructor(public name: string, private readonly workbook: WorkbookModel) {}

  /** Excel's check before a cell changes: a locked cell (the default) on a protected sheet refuses. */
  assertEditable(row: number, col: number): void {
    if (this.protection && this.peek(row, col)?.locked !== false) {
      throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
    }
  }

  cell(row: number, col: number): CellModel {
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { value: '' }));
    return c;
  }

  peek(row: number, col: number): CellModel | undefined {
    return this.cells.get(`${row},${col}`);
  }

  /** The value Excel shows: a formula is calculated (references to other cells follow). */
  value(row: number, col: number, depth = 0): Scalar {
    const c = this.peek(row, col);
    if (!c) return '';
    if (c.formula === undefined) return c.value;
    if (depth > 100) return '#REF!';
    return evaluate(c.formula, (r, cc) => this.value(r, cc, depth + 1));
  }

  /** Enter text or a number as Excel does: '=…' is a formula, numeric text becomes a number. */
  enter(row: number, col: number, input: unknown): void {
    const c = this.cell(row, col);
    delete c.formula;
    if (typeof input === 'string' && input.startsWith('=') && input.length > 1) c.formula = input;
    else if (typeof input === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(input)) c.value = Number(input);
    else if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'string') c.value = input;
    else if (input === null || input === undefined) c.value = '';
    else c.value = String(input);
  }

  mergeAt(row: number, col: number): RefRect | undefined {
    return this.merges.find((m) => contains(m, row, col));
  }

  validationAt(row: number, col: number): ValidationModel | undefined {
    for (let i = this.validations.length - 1; i >= 0; i--) if (contains(this.validations[i]!.rect, row, col)) return this.validations[i];
    return undefined;
  }

  /** The fill a person sees: a conditional format whose formula is TRUE wins over the cell's own fill. */
  shownFormat(row: number, col: number): { fill?: string; fontColor?: string; conditional: boolean } {
    for (const cf of this.conditionalFormats) {
      if (!contains(cf.rect, row, col)) continue;
      const v = evaluate(cf.formula, (r, c) => this.value(r, c), { rows: row - cf.rect.top, cols: col - cf.rect.left });
      if (v === true || (typeof v === 'number' && v !== 0)) return { fill: cf.fill, fontColor: cf.fontColor, conditional: true };
    }
    const c = this.peek(row, col);
    return { fill: c?.fill, fontColor: c?.fontColor, conditional: false };
  }

  /** Used area (origin A1) like Excel's usedRange. */
  extent(): { rows: number; cols: number } {
    let rows = 0, cols = 0;
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    }
    return { rows, cols };
  }

  get notes(): Map<string, string> {
    return this.workbook.notesOf(this);
  }
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly names = new Map<string, NameModel>();
  /** Workbook settings (SettingCollection / Office.context.document.settings): saved with the file. */
  readonly settings = new Map<string, unknown>();
  /** Notes by sheet id, then 'B5'. */
  private readonly notes = new Map<string, Map<string, string>>();
  activeSheet?: SheetModel;
  selection?: { sheet: SheetModel; address: string };

  addSheet(name?: string): SheetModel {
    let n = name;
    for (let i = 1; !n; i++) if (!this.sheet(`Sheet${i}`)) n = `Sheet${i}`;
    if (this.sheet(n)) throw Object.assign(new Error(`工作表名称“${n}”已存在`), { code: 'ItemAlreadyExists' });
    const s = new SheetModel(n, this);
    this.sheets.push(s);
    this.activeSheet ??= s;
    return s;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  notesOf(s: SheetModel): Map<string, string> {
    let m = this.notes.get(s.id);
    if (!m) this.notes.set(s.id, (m = new Map()));
    return m;
  }
}
