/**
 * One recognised 年报 sheet while the pane is open: on every committed edit (Worksheet.onChanged — typing, paste,
 * undo, inserted rows) it reads the sheet in one load/sync — the used range, the defined names, the protection —
 * finds the cells through the names (shared/layout/live.ts), runs the rules core, reports the findings and brings
 * the cell notes up to date in at most one more sync. It never reacts to its own writes: events whose triggerSource
 * is this add-in are dropped, events are switched off while it writes. The grid is protected; the session lifts the
 * protection around its own writes and puts it back, and when the clerk has set a password it says so once and
 * stops writing notes until the protection is lifted.
 */
import { isRowLayout, liveBottom, locateGrid, parseNameFormula, parseRange, readLiveCells, sheetPlan, type LiveLayout, type LiveName, type SheetGrid, type SheetPlan } from '../../shared/layout.js';
import { cellsFromValues } from '../../shared/layout.js';
import { checkTables } from '../../shared/rules/evaluate.js';
import type { Finding } from '../../shared/rules/catalogue.js';
import type { FormatId } from '../../shared/formats/index.js';
import { desiredNotes, diffNotes, isOurNote, sheetQualified, splitCellAddress, type NoteDiff } from './notes.js';
import type { ChangedArgs, ExcelHost, XNoteCollection, XRequestContext, XWorksheet } from './office-types.js';
import { GRID_PROTECTION, PROPERTY_AGENCY, PROPERTY_KEY, PROPERTY_YEAR, writeGridNames, writePlan } from './layout-writer.js';
import { prefillFromPrevious, type PreviousReport } from '../../shared/layout/carry.js';
import { PANE_TEXTS as T } from './texts.js';

export type { PreviousReport } from '../../shared/layout/carry.js';

export interface CheckResult {
  findings: Finding[];
  /** The draft cells as read from the sheet (blank cells included as ''). */
  cells: Record<string, string>;
  /** Where each cell is now, and what is wrong with the grid's shape (if anything). */
  layout: LiveLayout;
  /** Time spent in the rules core, ms. */
  evalMs: number;
}

export interface SheetInfo {
  readonly id: string; name: string; readonly format: FormatId; readonly year: number; readonly agency: string;
  /** Stable key of the sheet in the workbook's settings (custom property nianbao.key; the sheet id for older sheets). */
  readonly key: string;
}

/** The workbook setting that keeps last year's report for a sheet. */
export const previousSetting = (key: string) => `nianbao.previous.${key}`;
/** Office reopens the task pane with a document that carries this setting (manifest TaskpaneId of the same name). */
export const AUTO_SHOW_SETTING = 'Office.AutoShowTaskpaneWithDocument';

/** The sheets of the workbook that carry the nianbao.format property (two syncs). */
export async function findNianbaoSheets(host: ExcelHost): Promise<SheetInfo[]> {
  return host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load('items/name,items/id');
    await ctx.sync();
    const props = sheets.items.map((s) => ({
      s,
      format: s.customProperties.getItemOrNullObject('nianbao.format').load('value'),
      year: s.customProperties.getItemOrNullObject(PROPERTY_YEAR).load('value'),
      agency: s.customProperties.getItemOrNullObject(PROPERTY_AGENCY).load('value'),
      key: s.customProperties.getItemOrNullObject(PROPERTY_KEY).load('value'),
    }));
    await ctx.sync();
    return props.flatMap(({ s, format, year, agency, key }) => {
      if (format.isNullObject || (format.value !== '2019' && format.value !== '2021')) return [];
      const y = year.isNullObject ? NaN : Number(year.value);
      return [{
        id: s.id, name: s.name, format: format.value,
        year: Number.isInteger(y) ? y : format.value === '2019' ? 2020 : new Date().getFullYear() - 1,
        agency: agency.isNullObject ? '' : agency.value,
        key: key.isNullObject || !key.value ? s.id : key.value,
      }];
    });
  });
}

/** The clerk's password protection stands between the pane and the sheet. */
export class PasswordProtectedError extends Error {
  constructor(sheet: string) { super(T.passwordProtected(sheet)); }
}

export class SheetSession {
  readonly plan: SheetPlan;
  previous?: PreviousReport;
  last?: CheckResult;
  /** Called after every check. */
  onResult: (r: CheckResult) => void = () => undefined;
  onError: (e: unknown) => void = () => undefined;
  /** Called when the clerk changes the sheet (before the check it causes). */
  onEdit: () => void = () => undefined;
  /** Called once when the clerk's password keeps the pane from writing notes (and again only after it was lifted). */
  onNotice: (text: string) => void = () => undefined;
  /** Our notes in the sheet, by cell ('J7'), and cells carrying the user's own notes. */
  private readonly notes = new Map<string, string>();
  private readonly userNoted = new Set<string>();
  private running?: Promise<void>;
  private again = false;
  /** The sheet is protected with a password we do not have: notes are not written until it is lifted. */
  private passwordLocked = false;
  readonly notesSupported: boolean;

  constructor(private readonly host: ExcelHost, readonly sheet: SheetInfo) {
    this.plan = sheetPlan(sheet.format, { agency: sheet.agency, year: sheet.year, sheetName: sheet.name });
    this.notesSupported = host.isSetSupported('ExcelApi', '1.18');
  }

  /**
   * Registers the onChanged handler, restores last year's report kept in the workbook, marks the workbook so the
   * pane opens with it, and learns which notes are already in the sheet.
   */
  async attach(): Promise<void> {
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id);
      ws.onChanged.add((args) => this.handle(args));
      const kept = ctx.workbook.settings.getItemOrNullObject(previousSetting(this.sheet.key)).load('value');
      const autoShow = ctx.workbook.settings.getItemOrNullObject(AUTO_SHOW_SETTING).load('value');
      const notes = this.notesSupported ? ctx.workbook.notes.load('items/content') : undefined;
      await ctx.sync();
      if (!kept.isNullObject) this.previous = parsePrevious(kept.value);
      if (autoShow.isNullObject || autoShow.value !== true) ctx.workbook.settings.add(AUTO_SHOW_SETTING, true);
      if (notes) await this.takeOverNotes(ctx, notes);
    });
  }

  /** The onChanged handler. */
  handle(args: ChangedArgs): Promise<void> {
    if (args.triggerSource === 'ThisLocalAddin') return Promise.resolve();
    this.onEdit();
    return this.schedule();
  }

  /** Runs a check now, or once more after the one in flight (edits during a check are coalesced). */
  schedule(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          this.onResult(await this.check());
        } catch (e) {
          this.onError(e);
        }
      } while (this.again);
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Queues the loads of one read: the sheet's name, protection, used range and the names visible from it. */
  private queueRead(ctx: XRequestContext, what: 'values' | 'values,formulas' = 'values') {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id).load('name');
    return {
      ws,
      protection: ws.protection.load('protected'),
      used: ws.getUsedRangeOrNullObject().load(`${what},address`),
      own: ws.names.load('items/name,items/formula'),
      book: ctx.workbook.names.load('items/name,items/formula'),
    };
  }

  /**
   * Where the cells are now. A sheet laid out by an earlier version (t4 as one row, name NB_T4) is read with that
   * layout; 「修复表格」 turns it into the current one.
   */
  private layoutOf(read: ReturnType<SheetSession['queueRead']>): { grid: SheetGrid; layout: LiveLayout; plan: SheetPlan } {
    this.sheet.name = read.ws.name; // the clerk may have renamed the sheet; notes are addressed by name
    const origin = read.used.isNullObject ? undefined : parseRange(read.used.address);
    const grid: SheetGrid = origin ? { top: origin.top, left: origin.left, values: read.used.values } : { top: 0, left: 0, values: [] };
    const names: LiveName[] = [...read.own.items, ...read.book.items]
      .map((n) => ({ name: n.name, formula: String(n.formula) }))
      .filter((n) => { const t = parseNameFormula(n.formula).sheet; return t === undefined || t.toLowerCase() === this.sheet.name.toLowerCase(); });
    const plan = isRowLayout(names.map((n) => n.name))
      ? (this.rowPlan ??= sheetPlan(this.sheet.format, { agency: this.sheet.agency, year: this.sheet.year, sheetName: this.sheet.name, wideTables: 'row' }))
      : this.plan;
    return { grid, layout: locateGrid(plan, this.sheet.name, names, grid), plan };
  }

  private rowPlan?: SheetPlan;

  /** Reads the grid (one sync), checks it, updates notes (one more sync only when a note changes). */
  async check(): Promise<CheckResult> {
    return this.host.run(async (ctx) => {
      const read = this.queueRead(ctx);
      await ctx.sync();
      const { grid, layout, plan } = this.layoutOf(read);
      const isProtected = read.protection.protected;
      if (!isProtected) this.passwordLocked = false;
      const t0 = performance.now();
      const cells = readLiveCells(plan, layout, grid);
      const findings = checkTables({ year: this.sheet.year, format: this.sheet.format, cells }, this.previous ? { previous: this.previous } : {});
      const evalMs = performance.now() - t0;
      if (this.notesSupported && !this.passwordLocked) await this.writeNotes(ctx, findings, layout, isProtected);
      const result = { findings, cells, layout, evalMs };
      this.last = result;
      return result;
    });
  }

  /** Sheet values at the plan's own addresses (origin A1) → draft cells; every cell present, blank ones as ''. */
  readCells(values: readonly (readonly unknown[])[]): Record<string, string> {
    const read = cellsFromValues(this.plan, values);
    const cells: Record<string, string> = {};
    for (const id of Object.keys(this.plan.addressOf)) cells[id] = read[id] ?? '';
    return cells;
  }

  private async writeNotes(ctx: XRequestContext, findings: readonly Finding[], layout: LiveLayout, isProtected: boolean): Promise<void> {
    const diff = diffNotes(this.notes, desiredNotes(layout, findings), this.userNoted);
    if (!diff.add.length && !diff.update.length && !diff.remove.length) return;
    try {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id);
      ctx.runtime.enableEvents = false;
      if (isProtected) ws.protection.unprotect();
      this.queueNotes(ctx, diff);
      if (isProtected) ws.protection.protect(GRID_PROTECTION);
      ctx.runtime.enableEvents = true;
      await ctx.sync();
      this.applied(diff);
    } catch {
      if (isProtected) {
        // Unprotect without a password failed: the clerk protected the sheet with one. Say so once; no retries.
        this.passwordLocked = true;
        await this.host.run(async (c) => { c.runtime.enableEvents = true; await c.sync(); });
        this.onNotice(T.notesNeedUnprotect(this.sheet.name));
        return;
      }
      // A note appeared or vanished behind our back (the user edited notes): relearn them; the next edit retries.
      await this.attachNotesOnly();
    }
  }

  private queueNotes(ctx: XRequestContext, diff: NoteDiff): void {
    const at = (cell: string) => sheetQualified(this.sheet.name, cell);
    for (const a of diff.remove) ctx.workbook.notes.getItem(at(a)).delete();
    for (const [a, text] of diff.update) ctx.workbook.notes.getItem(at(a)).content = text;
    for (const [a, text] of diff.add) ctx.workbook.notes.add(at(a), text);
  }

  private applied(diff: NoteDiff): void {
    for (const a of diff.remove) this.notes.delete(a);
    for (const [a, text] of [...diff.update, ...diff.add]) this.notes.set(a, text);
  }

  private async attachNotesOnly(): Promise<void> {
    await this.host.run(async (ctx) => {
      ctx.runtime.enableEvents = true;
      const notes = ctx.workbook.notes.load('items/content');
      await ctx.sync();
      await this.takeOverNotes(ctx, notes);
    });
  }

  /** Notes already on this sheet: ours (from an earlier session) are taken over, the user's are left alone. */
  private async takeOverNotes(ctx: XRequestContext, notes: XNoteCollection): Promise<void> {
    const located = notes.items.map((n) => ({ n, at: n.getLocation().load('address') }));
    await ctx.sync();
    this.notes.clear();
    this.userNoted.clear();
    for (const { n, at } of located) {
      const { sheet, cell } = splitCellAddress(at.address);
      if (sheet !== undefined && sheet !== this.sheet.name) continue;
      if (isOurNote(n.content)) this.notes.set(cell, n.content);
      else this.userNoted.add(cell);
    }
  }

  /**
   * Last year's report: kept in the workbook's settings (so the carry.* checks survive closing and reopening),
   * prefills what it determines (blank cells only) and turns the carry.* checks on.
   */
  async usePrevious(previous: PreviousReport): Promise<{ filled: number; kept: number }> {
    this.previous = { year: previous.year, ...(previous.format ? { format: previous.format } : {}), cells: previous.cells };
    await this.host.run(async (ctx) => {
      ctx.workbook.settings.add(previousSetting(this.sheet.key), JSON.stringify(this.previous));
      await ctx.sync();
    });
    return this.fill(prefillFromPrevious(this.sheet.format, previous));
  }

  /** Writes values into blank cells (prefill from last year), with events off and the protection lifted; then checks. */
  async fill(values: Record<string, string>): Promise<{ filled: number; kept: number }> {
    const last = this.last ?? await this.check();
    const todo = Object.entries(values).filter(([id]) => last.layout.addressOf[id] && (last.cells[id] ?? '') === '');
    const kept = Object.keys(values).length - todo.length;
    if (todo.length) {
      await this.writeGuarded(async (ctx, ws) => {
        for (const [id, v] of todo) {
          const n = Number(v);
          ws.getRange(last.layout.addressOf[id]).values = [[Number.isFinite(n) && v.trim() !== '' ? n : v]];
        }
        await ctx.sync();
      });
    }
    await this.schedule();
    return { filled: todo.length, kept };
  }

  /**
   * 「修复表格」: rewrites the grid in place from its format — labels, formulas, merges, names, validation, formats,
   * protection — and puts back every number found in it (inputs, and totals the clerk typed over). The rows the grid
   * spans now are replaced; rows below it move up to follow the grid.
   */
  async repair(): Promise<{ restored: number; lost: number }> {
    let restored = 0, lost = 0;
    await this.writeGuarded(async (ctx, ws, read) => {
      const { grid, layout, plan: found } = this.layoutOf(read);
      const formulas = read.used.isNullObject ? [] : read.used.formulas;
      const kept: [string, unknown][] = [];
      for (const c of found.cells) {
        if (!c.cellId) continue;
        const a = layout.addressOf[c.cellId];
        const p = a ? parseRange(a)! : undefined;
        const f = p ? formulas[p.top - grid.top]?.[p.left - grid.left] : undefined;
        const v = p ? grid.values[p.top - grid.top]?.[p.left - grid.left] : undefined;
        if (v === undefined || v === '' || v === null) { if (!a) lost++; continue; }
        // A total that still holds a formula gets the format's formula back; a number typed over it is kept.
        if (c.role === 'total' && typeof f === 'string' && f.startsWith('=')) continue;
        kept.push([c.cellId, v]);
      }
      const bottom = liveBottom(found, layout);
      // The grid's names go (its own, and workbook-wide ones that point at this sheet) and come back fresh.
      const ours = (name: string) => [...this.plan.names, ...found.names].some((p) => p.name.toLowerCase() === name.toLowerCase());
      for (const n of read.own.items) if (ours(n.name)) n.delete();
      for (const n of read.book.items) {
        const target = parseNameFormula(String(n.formula)).sheet;
        if (ours(n.name) && target !== undefined && target.toLowerCase() === this.sheet.name.toLowerCase()) n.delete();
      }
      ws.getRange(`1:${bottom + 1}`).delete('Up');
      const plan = sheetPlan(this.sheet.format, { agency: this.sheet.agency, year: this.sheet.year, sheetName: this.sheet.name });
      writePlan(ws, plan, { [PROPERTY_YEAR]: String(this.sheet.year), [PROPERTY_AGENCY]: this.sheet.agency.slice(0, 200), [PROPERTY_KEY]: this.sheet.key });
      writeGridNames(ws, plan);
      for (const [id, v] of kept) ws.getRange(plan.addressOf[id]).values = [[v]];
      restored = kept.length;
      await ctx.sync();
      this.notes.clear();
    }, 'values,formulas', true);
    if (this.notesSupported) await this.attachNotesOnly();
    await this.schedule();
    return { restored, lost };
  }

  /**
   * Runs `write` with events off and the sheet's protection lifted (and put back afterwards, also when `reprotect`
   * asks for it on a sheet that was not protected). A password the pane does not have stops it with a clear error.
   */
  private async writeGuarded(
    write: (ctx: XRequestContext, ws: XWorksheet, read: ReturnType<SheetSession['queueRead']>) => Promise<void>,
    what: 'values' | 'values,formulas' = 'values', reprotect = false,
  ): Promise<void> {
    await this.host.run(async (ctx) => {
      const read = this.queueRead(ctx, what);
      await ctx.sync();
      const ws = read.ws;
      const wasProtected = read.protection.protected;
      if (wasProtected) {
        ws.protection.unprotect();
        try {
          await ctx.sync();
        } catch {
          this.passwordLocked = true;
          throw new PasswordProtectedError(read.ws.name);
        }
      }
      ctx.runtime.enableEvents = false;
      try {
        await write(ctx, ws, read);
      } finally {
        ctx.runtime.enableEvents = true;
        if (wasProtected || reprotect) ws.protection.protect(GRID_PROTECTION);
        await ctx.sync();
      }
    });
  }

  /** Selects a finding's cell, where it is now. */
  async select(cellId: string): Promise<void> {
    const a = this.last?.layout.addressOf[cellId] ?? this.plan.addressOf[cellId];
    if (!a) return;
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id);
      ws.activate();
      ws.getRange(a).select();
      await ctx.sync();
    });
  }
}

/** Last year's report as kept in the settings; undefined when it does not read back. */
function parsePrevious(raw: unknown): PreviousReport | undefined {
  try {
    const v = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<PreviousReport>;
    if (!v || typeof v.year !== 'number' || typeof v.cells !== 'object' || !v.cells) return undefined;
    return { year: v.year, ...(v.format ? { format: v.format } : {}), cells: v.cells };
  } catch {
    return undefined;
  }
}
