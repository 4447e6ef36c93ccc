/**
 * One recognised 年报 sheet while the pane is open: on every committed edit (Worksheet.onChanged — typing, paste,
 * undo) it reads the grid in one load/sync, runs the rules core, reports the findings and brings the cell notes up
 * to date in at most one more sync. It never reacts to its own writes: events whose triggerSource is this add-in are
 * dropped, events are switched off while it writes, and its only writes (notes) change no values.
 */
import { cellsFromValues, sheetPlan, type SheetPlan } from '../../shared/layout.js';
import { checkTables } from '../../shared/rules/evaluate.js';
import type { Finding } from '../../shared/rules/catalogue.js';
import type { Draft } from '../../shared/draft.js';
import type { FormatId } from '../../shared/formats/index.js';
import { desiredNotes, diffNotes, isOurNote, sheetQualified, splitCellAddress, type NoteDiff } from './notes.js';
import type { ChangedArgs, ExcelHost, XNoteCollection, XRequestContext } from './office-types.js';
import { PROPERTY_AGENCY, PROPERTY_YEAR } from './layout-writer.js';
import { prefillFromPrevious } from './prefill.js';

export type PreviousReport = Pick<Draft, 'year' | 'format' | 'cells'>;

export interface CheckResult {
  findings: Finding[];
  /** The draft cells as read from the sheet (blank cells included as ''). */
  cells: Record<string, string>;
  /** Time spent in the rules core, ms. */
  evalMs: number;
}

export interface SheetInfo { readonly id: string; name: string; readonly format: FormatId; readonly year: number; readonly agency: string }

const lastColumn = (plan: SheetPlan) => {
  let s = '';
  for (let n = plan.width; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

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
    }));
    await ctx.sync();
    return props.flatMap(({ s, format, year, agency }) => {
      if (format.isNullObject || (format.value !== '2019' && format.value !== '2021')) return [];
      const y = year.isNullObject ? NaN : Number(year.value);
      return [{
        id: s.id, name: s.name, format: format.value,
        year: Number.isInteger(y) ? y : format.value === '2019' ? 2020 : new Date().getFullYear() - 1,
        agency: agency.isNullObject ? '' : agency.value,
      }];
    });
  });
}

export class SheetSession {
  readonly plan: SheetPlan;
  previous?: PreviousReport;
  last?: CheckResult;
  /** Called after every check. */
  onResult: (r: CheckResult) => void = () => undefined;
  onError: (e: unknown) => void = () => undefined;
  /** Our notes in the sheet, by cell ('J7'), and cells carrying the user's own notes. */
  private readonly notes = new Map<string, string>();
  private readonly userNoted = new Set<string>();
  private running?: Promise<void>;
  private again = false;
  readonly notesSupported: boolean;

  constructor(private readonly host: ExcelHost, readonly sheet: SheetInfo) {
    this.plan = sheetPlan(sheet.format, { agency: sheet.agency, year: sheet.year, sheetName: sheet.name });
    this.notesSupported = host.isSetSupported('ExcelApi', '1.18');
  }

  /** Registers the onChanged handler and learns which notes are already in the sheet. */
  async attach(): Promise<void> {
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id);
      ws.onChanged.add((args) => this.handle(args));
      const notes = this.notesSupported ? ctx.workbook.notes.load('items/content') : undefined;
      await ctx.sync();
      if (notes) await this.takeOverNotes(ctx, notes);
    });
  }

  /** The onChanged handler. */
  handle(args: ChangedArgs): Promise<void> {
    if (args.triggerSource === 'ThisLocalAddin') return Promise.resolve();
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

  /** Reads the grid (one sync), checks it, updates notes (one more sync only when a note changes). */
  async check(): Promise<CheckResult> {
    return this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id).load('name');
      const range = ws.getRange(`A1:${lastColumn(this.plan)}${this.plan.height}`).load('values');
      await ctx.sync();
      this.sheet.name = ws.name; // the clerk may have renamed the sheet; notes are addressed by name
      const t0 = performance.now();
      const cells = this.readCells(range.values);
      const findings = checkTables({ year: this.sheet.year, format: this.sheet.format, cells }, this.previous ? { previous: this.previous } : {});
      const evalMs = performance.now() - t0;
      if (this.notesSupported) await this.writeNotes(ctx, findings);
      const result = { findings, cells, evalMs };
      this.last = result;
      return result;
    });
  }

  /** Sheet values → draft cells; every cell of the plan is present, blank ones as ''. */
  readCells(values: readonly (readonly unknown[])[]): Record<string, string> {
    const read = cellsFromValues(this.plan, values);
    const cells: Record<string, string> = {};
    for (const id of Object.keys(this.plan.addressOf)) cells[id] = read[id] ?? '';
    return cells;
  }

  private async writeNotes(ctx: XRequestContext, findings: readonly Finding[]): Promise<void> {
    const diff = diffNotes(this.notes, desiredNotes(this.plan, findings), this.userNoted);
    if (!diff.add.length && !diff.update.length && !diff.remove.length) return;
    try {
      this.queueNotes(ctx, diff);
      await ctx.sync();
      this.applied(diff);
    } catch {
      // A note appeared or vanished behind our back (the user edited notes): relearn them; the next edit retries.
      await this.attachNotesOnly();
    }
  }

  private queueNotes(ctx: XRequestContext, diff: NoteDiff): void {
    const at = (cell: string) => sheetQualified(this.sheet.name, cell);
    ctx.runtime.enableEvents = false;
    for (const a of diff.remove) ctx.workbook.notes.getItem(at(a)).delete();
    for (const [a, text] of diff.update) ctx.workbook.notes.getItem(at(a)).content = text;
    for (const [a, text] of diff.add) ctx.workbook.notes.add(at(a), text);
    ctx.runtime.enableEvents = true;
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

  /** Last year's report: prefills what it determines (blank cells only) and turns the carry.* checks on. */
  async usePrevious(previous: PreviousReport): Promise<{ filled: number; kept: number }> {
    this.previous = previous;
    return this.fill(prefillFromPrevious(this.sheet.format, previous));
  }

  /** Writes values into blank cells (prefill from last year), with events off; then checks. */
  async fill(values: Record<string, string>): Promise<{ filled: number; kept: number }> {
    const cells = this.last?.cells ?? (await this.check()).cells;
    const todo = Object.entries(values).filter(([id]) => this.plan.addressOf[id] && (cells[id] ?? '') === '');
    const kept = Object.keys(values).length - todo.length;
    if (todo.length) {
      await this.host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id);
        ctx.runtime.enableEvents = false;
        for (const [id, v] of todo) {
          const n = Number(v);
          ws.getRange(this.plan.addressOf[id]).values = [[Number.isFinite(n) && v.trim() !== '' ? n : v]];
        }
        ctx.runtime.enableEvents = true;
        await ctx.sync();
      });
    }
    await this.schedule();
    return { filled: todo.length, kept };
  }

  /** Selects a finding's cell. */
  async select(cellId: string): Promise<void> {
    const a = this.plan.addressOf[cellId];
    if (!a) return;
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(this.sheet.id);
      ws.activate();
      ws.getRange(a).select();
      await ctx.sync();
    });
  }
}
