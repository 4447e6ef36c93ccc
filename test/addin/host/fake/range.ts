/** The fake Range and what hangs off it: format, data validation, conditional formats. */
import type {
  BorderSide, LoadArg, XConditionalFormat, XConditionalFormatCollection, XDataValidation, XRange, XRangeBorder,
  XRangeBorderCollection, XRangeFormat,
} from '../../../../addin/src/office-types.js';
import { evaluate } from './formula.js';
import { shiftSheet } from './structure.js';
import { notLoaded, OfficeError, Proxy, type Batch } from './client.js';
import {
  overlaps, parseLocal, rectAddress, splitAddress, type CellModel, type ConditionalFormatModel, type RefRect, type SheetModel, type ValidationModel,
} from './model.js';

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][\w.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export class FakeRange extends Proxy implements XRange {
  protected override readonly defaultLoad = ['address', 'values', 'formulas', 'numberFormat'];
  /** `local` is an address, or (for a used range) a function giving it at sync time, undefined for a null object. */
  constructor(batch: Batch, readonly sheet: () => SheetModel, private readonly local: string | (() => string | undefined), private readonly nullable = false) { super(batch); }

  private where(): string {
    const l = typeof this.local === 'string' ? this.local : this.local();
    if (l === undefined) throw new OfficeError('ItemNotFound', '区域不存在');
    return l;
  }

  rect(): RefRect {
    return parseLocal(splitAddress(this.where()).local.replace(/\$/g, ''));
  }

  /** Runs `f` on every cell of the range at sync time. */
  eachCell(f: (c: CellModel, row: number, col: number) => void): void {
    const s = this.sheet(), r = this.rect();
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) f(s.cell(row, col), row, col);
  }

  protected snapshot(p: string): unknown {
    if (p === 'isNullObject') return typeof this.local !== 'string' && this.local() === undefined;
    const s = this.sheet(), r = this.rect();
    const grid = (f: (row: number, col: number) => unknown) =>
      Array.from({ length: r.bottom - r.top + 1 }, (_, i) => Array.from({ length: r.right - r.left + 1 }, (_, j) => f(r.top + i, r.left + j)));
    switch (p) {
      case 'address': return `${quoteSheet(s.name)}!${rectAddress(r)}`;
      case 'values': return grid((row, col) => s.value(row, col));
      case 'formulas': return grid((row, col) => s.peek(row, col)?.formula ?? s.peek(row, col)?.value ?? '');
      case 'numberFormat': return grid((row, col) => s.peek(row, col)?.numberFormat ?? 'General');
      default: throw new OfficeError('InvalidArgument', `Range 没有属性 ${p}`);
    }
  }

  load(propertyNames?: LoadArg): FakeRange {
    if (this.nullable) {
      this.loadProps('isNullObject');
      this.batch.queue(() => { if (typeof this.local !== 'string' && this.local() === undefined) return; this.loadProps(propertyNames); });
      return this;
    }
    this.loadProps(propertyNames);
    return this;
  }
  get isNullObject(): boolean { return this.read('isNullObject'); }

  get address(): string { return this.read('address'); }
  get values(): any[][] { return this.read('values'); }
  set values(v: any[][]) { this.write('values', () => this.setGrid(v, (c, x, s, row, col) => s.enter(row, col, x))); }
  get formulas(): any[][] { return this.read('formulas'); }
  set formulas(v: any[][]) { this.write('formulas', () => this.setGrid(v, (c, x, s, row, col) => s.enter(row, col, x))); }
  get numberFormat(): any[][] { return this.read('numberFormat'); }
  set numberFormat(v: any[][]) { this.write('numberFormat', () => this.setGrid(v, (c, x) => { c.numberFormat = String(x); }, false)); }

  private setGrid(v: unknown[][], f: (c: CellModel, x: unknown, s: SheetModel, row: number, col: number) => void, data = true): void {
    const r = this.rect(), s = this.sheet();
    const rows = r.bottom - r.top + 1, cols = r.right - r.left + 1;
    if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw new OfficeError('InvalidArgument', `数组大小与区域 ${rectAddress(r)} 不符`);
    }
    if (data) for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) s.assertEditable(r.top + i, r.left + j);
    else if (s.protection && !s.protection.options.allowFormatCells) throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) f(s.cell(r.top + i, r.left + j), v[i]![j], s, r.top + i, r.left + j);
    if (data) this.batch.changed(s, r.top, r.left, r.bottom, r.right);
  }

  readonly format: XRangeFormat = new FakeRangeFormat(this);
  readonly dataValidation: XDataValidation = new FakeDataValidation(this);
  readonly conditionalFormats: XConditionalFormatCollection = new FakeConditionalFormats(this);

  merge(across?: boolean): void {
    this.batch.queue(() => {
      const s = this.sheet(), r = parseLocal(this.where());
      const areas = across ? Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ ...r, top: r.top + i, bottom: r.top + i })) : [r];
      for (const a of areas) {
        if (s.merges.some((m) => overlaps(m, a))) throw new OfficeError('InvalidOperation', `区域 ${rectAddress(a)} 与已合并的单元格重叠`);
        s.merges.push(a);
      }
    });
  }

  /** Deletes the range's whole rows or columns (the only deletes the pane makes), shifting up or left as Excel does. */
  delete(shift: 'Up' | 'Left'): void {
    this.batch.queue(() => {
      const s = this.sheet(), r = this.rect();
      if (s.protection) throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
      const rows = r.left === 0 && r.right >= 16383, cols = r.top === 0 && r.bottom >= 1048575;
      if (shift === 'Up' && rows) shiftSheet(this.batch.model, s, 'row', r.top, -(r.bottom - r.top + 1));
      else if (shift === 'Left' && cols) shiftSheet(this.batch.model, s, 'col', r.left, -(r.right - r.left + 1));
      else throw new OfficeError('InvalidArgument', '假宿主只删除整行或整列');
    });
  }

  select(): void {
    this.batch.queue(() => {
      const s = this.sheet();
      this.batch.model.activeSheet = s;
      this.batch.model.selection = { sheet: s, address: rectAddress(this.rect()) };
    });
  }

  /** Queues `f` for every cell (format writes). */
  queueCells(f: (c: CellModel, row: number, col: number, r: RefRect) => void): void {
    this.batch.queue(() => {
      const s = this.sheet();
      if (s.protection && !s.protection.options.allowFormatCells) throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
      const r = this.rect();
      this.eachCell((c, row, col) => f(c, row, col, r));
    });
  }
}

const writeOnly = (p: string) => { throw notLoaded(p); };

const fillOf = (range: FakeRange) => ({
  get color(): string { return writeOnly('color'); },
  set color(v: string) { range.queueCells((c) => { c.fill = v; }); },
});
const fontOf = (range: FakeRange) => ({
  get color(): string { return writeOnly('color'); },
  set color(v: string) { range.queueCells((c) => { c.fontColor = v; }); },
  get bold(): boolean { return writeOnly('bold'); },
  set bold(v: boolean) { range.queueCells((c) => { c.bold = v; }); },
  get size(): number { return writeOnly('size'); },
  set size(v: number) { range.queueCells((c) => { c.fontSize = v; }); },
});
const protectionOf = (range: FakeRange) => ({
  get locked(): boolean { return writeOnly('locked'); },
  set locked(v: boolean) { range.queueCells((c) => { c.locked = v; }); },
});

class FakeRangeFormat implements XRangeFormat {
  readonly fill: XRangeFormat['fill'];
  readonly font: XRangeFormat['font'];
  readonly protection: XRangeFormat['protection'];
  constructor(private readonly range: FakeRange) {
    this.fill = fillOf(range);
    this.font = fontOf(range);
    this.protection = protectionOf(range);
  }
  get columnWidth(): number { return writeOnly('columnWidth'); }
  set columnWidth(w: number) { this.range.queueCells((_, __, col) => this.range.sheet().columnWidths.set(col, w)); }
  get rowHeight(): number { return writeOnly('rowHeight'); }
  set rowHeight(h: number) { this.range.queueCells((_, row) => this.range.sheet().rowHeights.set(row, h)); }
  get wrapText(): boolean { return writeOnly('wrapText'); }
  set wrapText(v: boolean) { this.range.queueCells((c) => { c.wrap = v; }); }
  get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] { return writeOnly('horizontalAlignment'); }
  set horizontalAlignment(v: Excel.RangeFormat['horizontalAlignment']) { this.range.queueCells((c) => { c.hAlign = v; }); }
  get verticalAlignment(): Excel.RangeFormat['verticalAlignment'] { return writeOnly('verticalAlignment'); }
  set verticalAlignment(v: Excel.RangeFormat['verticalAlignment']) { this.range.queueCells((c) => { c.vAlign = v; }); }
  readonly borders: XRangeBorderCollection = {
    getItem: (side: BorderSide): XRangeBorder => {
      const range = this.range;
      const applies = (row: number, col: number, r: RefRect) => {
        switch (side) {
          case 'EdgeTop': return row === r.top;
          case 'EdgeBottom': return row === r.bottom;
          case 'EdgeLeft': return col === r.left;
          case 'EdgeRight': return col === r.right;
          case 'InsideHorizontal': return row > r.top;
          case 'InsideVertical': return col > r.left;
        }
      };
      const key = side === 'InsideHorizontal' ? 'EdgeTop' : side === 'InsideVertical' ? 'EdgeLeft' : side;
      return {
        get style(): Excel.RangeBorder['style'] { return writeOnly('style'); },
        set style(v: Excel.RangeBorder['style']) {
          range.queueCells((c, row, col, r) => { if (applies(row, col, r)) c.borders = { ...c.borders, [key]: String(v) }; });
        },
        get color(): string { return writeOnly('color'); },
        set color(_v: string) { /* colour of borders is not modelled */ },
      };
    },
  };
}

class FakeDataValidation implements XDataValidation {
  constructor(private readonly range: FakeRange) {}
  private entry(f: (v: ValidationModel) => void): void {
    this.range.batch.queue(() => {
      const s = this.range.sheet(), rect = this.range.rect();
      let v = s.validations.find((x) => rectAddress(x.rect) === rectAddress(rect));
      if (!v) s.validations.push((v = { rect }));
      f(v);
    });
  }
  get rule(): Excel.DataValidationRule { return writeOnly('rule'); }
  set rule(r: Excel.DataValidationRule) { this.entry((v) => { v.rule = r; }); }
  get errorAlert(): Excel.DataValidationErrorAlert { return writeOnly('errorAlert'); }
  set errorAlert(a: Excel.DataValidationErrorAlert) { this.entry((v) => { v.errorAlert = a; }); }
  get prompt(): Excel.DataValidationPrompt { return writeOnly('prompt'); }
  set prompt(p: Excel.DataValidationPrompt) { this.entry((v) => { v.prompt = p; }); }
  get ignoreBlanks(): boolean { return writeOnly('ignoreBlanks'); }
  set ignoreBlanks(b: boolean) { this.entry((v) => { v.ignoreBlanks = b; }); }
}

class FakeConditionalFormats implements XConditionalFormatCollection {
  constructor(private readonly range: FakeRange) {}
  add(type: 'Custom'): XConditionalFormat {
    if (type !== 'Custom') throw new OfficeError('InvalidArgument', `不支持的条件格式类型 ${String(type)}`);
    const range = this.range;
    const batch = range.batch;
    let model: ConditionalFormatModel | undefined;
    batch.queue(() => { range.sheet().conditionalFormats.push((model = { rect: range.rect(), formula: '' })); });
    const at = (f: (m: ConditionalFormatModel) => void) => batch.queue(() => f(model!));
    return {
      custom: {
        rule: {
          get formula(): string { return writeOnly('formula'); },
          set formula(f: string) {
            at((m) => {
              const probe = evaluate(f, () => 0);
              if (typeof probe === 'string' && probe.startsWith('#NAME')) throw new OfficeError('InvalidArgument', `条件格式公式无效：${f}`);
              m.formula = f;
            });
          },
        },
        format: {
          fill: { get color(): string { return writeOnly('color'); }, set color(c: string) { at((m) => { m.fill = c; }); } },
          font: { get color(): string { return writeOnly('color'); }, set color(c: string) { at((m) => { m.fontColor = c; }); } },
        },
      },
    };
  }
}
