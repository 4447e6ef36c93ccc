/**
 * A fake Excel host for tests: the subset of Office.js the task pane uses (see addin/src/office-types.ts), with
 * Office's load/sync discipline (commands queue until `sync`; reading a property that was not loaded and synced
 * throws PropertyNotLoaded), a sync counter, `onChanged` events with `triggerSource`, `runtime.enableEvents`,
 * merges, names, data validation, conditional formats (evaluated, so a test can see a cell turn red), custom
 * properties and notes (ExcelApi 1.18 only). User actions — typing, pasting a block, undo — raise events as Excel does.
 */
import type { ChangedArgs, ExcelHost, XRequestContext } from '../../../addin/src/office-types.js';
import type { Batch } from './fake/client.js';
import { parseLocal, rectAddress, splitAddress, WorkbookModel, type CellModel, type SheetModel } from './fake/model.js';
import { FakeRuntime, FakeWorkbook, type Handler, type HostHooks } from './fake/workbook.js';
import { shiftSheet, type Axis } from './fake/structure.js';
import { colIndex, colLetters } from './fake/formula.js';

export { OfficeError } from './fake/client.js';
export { WorkbookModel, SheetModel, type CellModel } from './fake/model.js';

export interface FakeHostOptions {
  /** Highest ExcelApi version the fake host supports, e.g. '1.12', '1.14', '1.18' (default). */
  api?: string;
}

class FakeContext implements XRequestContext, Batch {
  private readonly commands: (() => void)[] = [];
  private events: ChangedArgs[] = [];
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;
  constructor(private readonly host: FakeExcelHost) {
    this.workbook = new FakeWorkbook(this, host.hooks);
    this.runtime = new FakeRuntime(this, host.hooks);
  }
  get api(): number { return this.host.api; }
  get pending(): boolean { return this.commands.length > 0; }
  queue(command: () => void): void { this.commands.push(command); }

  changed(sheet: SheetModel, top: number, left: number, bottom: number, right: number): void {
    if (!this.host.hooks.enableEvents) return;
    this.events.push(this.host.changedArgs(sheet, rectAddress({ top, left, bottom, right }), 'ThisLocalAddin'));
  }

  get model(): WorkbookModel { return this.host.workbook; }

  async sync(): Promise<void> {
    this.host.syncs++;
    await Promise.resolve();
    try {
      while (this.commands.length) this.commands.shift()!();
    } finally {
      this.commands.length = 0;
      const events = this.events;
      this.events = [];
      this.host.raise(events);
    }
  }
}

export class FakeExcelHost implements ExcelHost {
  readonly workbook = new WorkbookModel();
  readonly api: number;
  /** Every `context.sync()` of every batch, including the implicit one at the end of `run`. */
  syncs = 0;
  /** Every onChanged event raised, with its trigger source. */
  readonly events: ChangedArgs[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly busy = new Set<Promise<unknown>>();
  private readonly undoStack: { sheet: SheetModel; cells: Map<string, CellModel | undefined>; area: string }[] = [];
  readonly hooks: HostHooks;

  constructor(options: FakeHostOptions = {}) {
    this.api = Number(options.api ?? '1.18');
    const handlers = this.handlers;
    this.hooks = {
      enableEvents: true,
      addHandler: (s, h) => { let set = handlers.get(s.id); if (!set) handlers.set(s.id, (set = new Set())); set.add(h); },
      removeHandler: (s, h) => { handlers.get(s.id)?.delete(h); },
    };
    this.workbook.addSheet('Sheet1');
  }

  isSetSupported(name: string, version: string): boolean {
    return name === 'ExcelApi' && Number(version) <= this.api;
  }

  async run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T> {
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    if (ctx.pending) await ctx.sync(); // Excel.run flushes what the batch left queued
    return result;
  }

  changedArgs(sheet: SheetModel, address: string, trigger: 'Unknown' | 'ThisLocalAddin'): ChangedArgs {
    return {
      type: 'WorksheetChanged', changeType: 'RangeEdited', source: 'Local', worksheetId: sheet.id, address,
      ...(this.api >= 1.14 ? { triggerSource: trigger } : {}),
    };
  }

  /** Delivers events after the sync that caused them has resolved, as Office does. */
  raise(events: readonly ChangedArgs[]): void {
    for (const e of events) {
      this.events.push(e);
      const p = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        for (const h of [...(this.handlers.get(e.worksheetId) ?? [])]) await h(e);
      });
      this.busy.add(p);
      void p.finally(() => this.busy.delete(p));
    }
  }

  /** Resolves when every event has been handled and the handlers' batches have finished. */
  async idle(): Promise<void> {
    for (let i = 0; i < 100 && this.busy.size; i++) await Promise.allSettled([...this.busy]);
    await new Promise((r) => setTimeout(r, 0));
    if (this.busy.size) await this.idle();
  }

  /** The task pane is closed: its runtime ends, and with it every event handler it registered. */
  closePane(): void {
    this.handlers.clear();
    this.hooks.enableEvents = true;
  }

  handlerCount(sheetName: string): number {
    return this.handlers.get(this.sheet(sheetName).id)?.size ?? 0;
  }

  sheet(name?: string): SheetModel {
    const s = name ? this.workbook.sheet(name) : this.workbook.activeSheet;
    if (!s) throw new Error(`no sheet ${name ?? '(active)'}`);
    return s;
  }

  // ---- what a person does in Excel ----

  private remember(sheet: SheetModel, top: number, left: number, bottom: number, right: number): void {
    const cells = new Map<string, CellModel | undefined>();
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) {
      const cell = sheet.peek(r, c);
      cells.set(`${r},${c}`, cell && { ...cell });
    }
    this.undoStack.push({ sheet, cells, area: rectAddress({ top, left, bottom, right }) });
  }

  private locate(address: string): { sheet: SheetModel; top: number; left: number; bottom: number; right: number } {
    const { sheet, local } = splitAddress(address);
    const s = this.sheet(sheet);
    return { sheet: s, ...parseLocal(local.replace(/\$/g, '')) };
  }

  /** Types into one cell and presses Enter. Data validation with a Stop alert refuses a bad entry, and a locked cell on a protected sheet refuses any, as Excel does. */
  type(address: string, text: string): { ok: true } | { ok: false; alert: Excel.DataValidationErrorAlert | undefined; protectedCell?: true } {
    const { sheet, top, left } = this.locate(address);
    if (sheet.protection && sheet.peek(top, left)?.locked !== false) return { ok: false, alert: undefined, protectedCell: true };
    const v = sheet.validationAt(top, left);
    if (v?.rule && text.trim() !== '' && !satisfies(v.rule, text) && v.errorAlert?.showAlert !== false) {
      return { ok: false, alert: v.errorAlert };
    }
    this.remember(sheet, top, left, top, left);
    sheet.enter(top, left, text);
    this.raise([this.changedArgs(sheet, rectAddress({ top, left, bottom: top, right: left }), 'Unknown')]);
    return { ok: true };
  }

  /** Pastes a block of values with its top-left corner at `address` (paste does not check validation). */
  paste(address: string, rows: readonly (readonly unknown[])[]): void {
    const { sheet, top, left } = this.locate(address);
    const bottom = top + rows.length - 1, right = left + Math.max(...rows.map((r) => r.length)) - 1;
    this.remember(sheet, top, left, bottom, right);
    rows.forEach((row, i) => row.forEach((v, j) => sheet.enter(top + i, left + j, v)));
    this.raise([this.changedArgs(sheet, rectAddress({ top, left, bottom, right }), 'Unknown')]);
  }

  /**
   * Inserts (count > 0) or deletes (count < 0) whole rows before/at 1-based `row`, as Home › Insert/Delete Sheet Rows
   * does: names, formulas, merges, formats move. Refused on a protected sheet, as Excel greys the command out.
   */
  shiftRows(sheetName: string, row: number, count: number): boolean {
    return this.shift(sheetName, 'row', row - 1, count);
  }

  /** Inserts or deletes whole columns at `column` ('C'). */
  shiftColumns(sheetName: string, column: string, count: number): boolean {
    return this.shift(sheetName, 'col', colIndex(column), count);
  }

  private shift(sheetName: string, axis: Axis, at: number, count: number): boolean {
    const sheet = this.sheet(sheetName);
    if (sheet.protection) return false;
    shiftSheet(this.workbook, sheet, axis, at, count);
    const first = axis === 'row' ? `${at + 1}:${at + Math.abs(count)}` : `${colLetters(at)}:${colLetters(at + Math.abs(count) - 1)}`;
    this.raise([{ ...this.changedArgs(sheet, first, 'Unknown'), changeType: count > 0 ? (axis === 'row' ? 'RowInserted' : 'ColumnInserted') : (axis === 'row' ? 'RowDeleted' : 'ColumnDeleted') }]);
    return true;
  }

  /** Review › Protect Sheet, optionally with a password; Review › Unprotect Sheet. */
  protect(sheetName: string, password?: string, options: Excel.WorksheetProtectionOptions = {}): void {
    this.sheet(sheetName).protection = { options, ...(password ? { password } : {}) };
  }

  unprotect(sheetName: string, password?: string): boolean {
    const s = this.sheet(sheetName);
    if (s.protection?.password !== undefined && s.protection.password !== password) return false;
    delete s.protection;
    return true;
  }

  /** Formulas › Name Manager › Delete (a workbook-level name, or the sheet's own). */
  deleteName(name: string, sheetName?: string): boolean {
    return (sheetName ? this.sheet(sheetName).names : this.workbook.names).delete(name);
  }

  /** Ctrl+Z: restores the cells of the last typing or paste and raises onChanged for them. */
  undo(): void {
    const last = this.undoStack.pop();
    if (!last) return;
    for (const [k, cell] of last.cells) {
      if (cell) last.sheet.cells.set(k, cell);
      else last.sheet.cells.delete(k);
    }
    this.raise([this.changedArgs(last.sheet, last.area, 'Unknown')]);
  }

  /** What the globals `Office` and `Excel` would be inside Office, backed by this host. */
  officeGlobals(): { Office: unknown; Excel: unknown } {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    return {
      Office: {
        HostType: { Excel: 'Excel' },
        onReady: (cb?: (i: typeof info) => void) => { cb?.(info); return Promise.resolve(info); },
        context: { requirements: { isSetSupported: (n: string, v: string) => this.isSetSupported(n, v) } },
      },
      Excel: { run: <T>(b: (c: XRequestContext) => Promise<T>) => this.run(b) },
    };
  }
}

/** Does typed text satisfy a whole-number or decimal validation rule? */
function satisfies(rule: Excel.DataValidationRule, text: string): boolean {
  const basic = rule.wholeNumber ?? rule.decimal;
  if (!basic) return true;
  const n = Number(text.trim());
  if (!Number.isFinite(n) || (rule.wholeNumber && !Number.isInteger(n))) return false;
  const a = Number(basic.formula1), b = Number(basic.formula2);
  switch (basic.operator) {
    case 'GreaterThanOrEqualTo': return n >= a;
    case 'Between': return n >= a && n <= b;
    case 'GreaterThan': return n > a;
    case 'LessThanOrEqualTo': return n <= a;
    case 'LessThan': return n < a;
    case 'EqualTo': return n === a;
    case 'NotEqualTo': return n !== a;
    case 'NotBetween': return n < a || n > b;
    default: return true;
  }
}
