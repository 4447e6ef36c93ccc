/** Fake Workbook, Worksheet, names, custom properties and notes proxies. */
import type {
  ChangedArgs, LoadArg, XApplication, XCustomProperty, XCustomPropertyCollection, XEventSource, XNamedItem,
  XNamedItemCollection, XNote, XNoteCollection, XRuntime, XWorkbook, XWorksheet, XWorksheetCollection,
} from '../../../../addin/src/office-types.js';
import { CollectionProxy, OfficeError, Proxy, requireSheet, type Batch } from './client.js';
import { parseLocal, rectAddress, splitAddress, type NameModel, type SheetModel } from './model.js';
import { FakeRange } from './range.js';

export type Handler = (args: ChangedArgs) => Promise<unknown>;

/** What the host offers the proxies beyond one batch: event registration. */
export interface HostHooks {
  addHandler(sheet: SheetModel, h: Handler): void;
  removeHandler(sheet: SheetModel, h: Handler): void;
  enableEvents: boolean;
}

export class FakeWorksheet extends Proxy implements XWorksheet {
  protected override readonly defaultLoad = ['id', 'name'];
  constructor(batch: Batch, private readonly hooks: HostHooks, readonly model: () => SheetModel | undefined) { super(batch); }
  private sheet = () => requireSheet(this.model(), '工作表');

  protected snapshot(p: string): unknown {
    const s = this.model();
    if (p === 'isNullObject') return !s;
    if (!s) return undefined;
    switch (p) {
      case 'id': return s.id;
      case 'name': return s.name;
      case 'showGridlines': return s.showGridlines;
      default: throw new OfficeError('InvalidArgument', `Worksheet 没有属性 ${p}`);
    }
  }

  load(propertyNames?: LoadArg): FakeWorksheet {
    this.loadProps(propertyNames);
    this.loadProps('isNullObject');
    return this;
  }

  get id(): string { return this.read('id'); }
  get name(): string { return this.read('name'); }
  set name(n: string) { this.write('name', () => { this.sheet().name = n; }); }
  get isNullObject(): boolean { return this.read('isNullObject'); }
  get showGridlines(): boolean { return this.read('showGridlines'); }
  set showGridlines(v: boolean) { this.write('showGridlines', () => { this.sheet().showGridlines = v; }); }

  readonly customProperties: XCustomPropertyCollection = {
    add: (key, value) => {
      this.batch.queue(() => { this.sheet().customProperties.set(key, String(value)); });
      return new FakeCustomProperty(this.batch, this.sheet, key);
    },
    getItemOrNullObject: (key) => new FakeCustomProperty(this.batch, this.sheet, key),
  };

  get names(): XNamedItemCollection { return new FakeNames(this.batch, () => this.sheet().names); }

  readonly onChanged: XEventSource<ChangedArgs> = {
    add: (handler) => {
      this.batch.queue(() => this.hooks.addHandler(this.sheet(), handler));
      return { remove: () => this.batch.queue(() => this.hooks.removeHandler(this.sheet(), handler)) };
    },
  };

  getRange(address = 'A1:XFD1048576'): FakeRange {
    return new FakeRange(this.batch, this.sheet, address);
  }

  activate(): void {
    this.batch.queue(() => { this.batch.model.activeSheet = this.sheet(); });
  }
}

class FakeCustomProperty extends Proxy implements XCustomProperty {
  protected override readonly defaultLoad = ['key', 'value'];
  constructor(batch: Batch, private readonly sheet: () => SheetModel, private readonly key_: string) { super(batch); }
  protected snapshot(p: string): unknown {
    const v = this.sheet().customProperties.get(this.key_);
    if (p === 'isNullObject') return v === undefined;
    if (p === 'key') return this.key_;
    if (p === 'value') return v;
    throw new OfficeError('InvalidArgument', `CustomProperty 没有属性 ${p}`);
  }
  load(propertyNames?: LoadArg): FakeCustomProperty { this.loadProps(propertyNames); this.loadProps('isNullObject'); return this; }
  get key(): string { return this.read('key'); }
  get value(): string { return this.read('value'); }
  set value(v: string) { this.write('value', () => { this.sheet().customProperties.set(this.key_, v); }); }
  get isNullObject(): boolean { return this.read('isNullObject'); }
}

/** Excel's rule for defined names: starts with a letter, _ or \\, no spaces, not a cell reference. */
function validName(n: string): boolean {
  return /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(n) && !/^[A-Za-z]{1,3}\d+$/.test(n) && !/^[RrCc]$/.test(n);
}

class FakeNames extends CollectionProxy<XNamedItem> implements XNamedItemCollection {
  constructor(batch: Batch, private readonly scope: () => Map<string, NameModel>) { super(batch); }
  protected materialize(): XNamedItem[] {
    return [...this.scope().values()].map((n) => ({ name: n.name }));
  }
  load(propertyNames?: LoadArg): FakeNames { this.loadItems(propertyNames); return this; }
  add(name: string, reference: string): XNamedItem {
    this.batch.queue(() => {
      const scope = this.scope();
      if (!validName(name)) throw new OfficeError('InvalidArgument', `名称“${name}”无效`);
      if ([...scope.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw new OfficeError('ItemAlreadyExists', `名称“${name}”已存在`);
      const { sheet, local } = splitAddress(reference.replace(/^=/, ''));
      if (!sheet || !this.batch.model.sheet(sheet)) throw new OfficeError('InvalidArgument', `引用“${reference}”无效`);
      parseLocal(local.replace(/\$/g, ''));
      scope.set(name, { name, ref: reference.replace(/^=/, '') });
    });
    return { name };
  }
}

class FakeNote extends Proxy implements XNote {
  protected override readonly defaultLoad = ['content'];
  constructor(batch: Batch, private readonly at: () => { sheet: SheetModel; cell: string }) { super(batch); }
  private existing() {
    const { sheet, cell } = this.at();
    if (!sheet.notes.has(cell)) throw new OfficeError('ItemNotFound', `单元格 ${cell} 没有批注`);
    return { sheet, cell };
  }
  protected snapshot(p: string): unknown {
    const { sheet, cell } = this.existing();
    if (p === 'content') return sheet.notes.get(cell);
    throw new OfficeError('InvalidArgument', `Note 没有属性 ${p}`);
  }
  load(propertyNames?: LoadArg): FakeNote { this.loadProps(propertyNames); return this; }
  get content(): string { return this.read('content'); }
  set content(v: string) { this.write('content', () => { const { sheet, cell } = this.existing(); sheet.notes.set(cell, v); }); }
  delete(): void { this.batch.queue(() => { const { sheet, cell } = this.existing(); sheet.notes.delete(cell); }); }
  getLocation(): FakeRange { return new FakeRange(this.batch, () => this.at().sheet, this.at().cell); }
}

class FakeNotes extends CollectionProxy<XNote> implements XNoteCollection {
  protected materialize(props: string[]): XNote[] {
    return this.batch.model.sheets.flatMap((sheet) => [...sheet.notes.keys()].map((cell) => {
      const n = new FakeNote(this.batch, () => ({ sheet, cell }));
      if (props.length) n.load(props);
      return n;
    }));
  }
  /** Loading items queues their own loads: they run in the same sync, right after this command. */
  load(propertyNames?: LoadArg): FakeNotes { this.loadItems(propertyNames); return this; }
  private locate(address: string): { sheet: SheetModel; cell: string } {
    const { sheet, local } = splitAddress(address);
    const s = requireSheet(sheet ? this.batch.model.sheet(sheet) : this.batch.model.activeSheet, `工作表 ${sheet ?? ''}`);
    const r = parseLocal(local.replace(/\$/g, ''));
    if (r.top !== r.bottom || r.left !== r.right) throw new OfficeError('InvalidArgument', '批注只能加在一个单元格上');
    return { sheet: s, cell: rectAddress(r) };
  }
  add(cellAddress: string, content: string): XNote {
    let at: { sheet: SheetModel; cell: string } | undefined;
    this.batch.queue(() => {
      at = this.locate(cellAddress);
      if (at.sheet.notes.has(at.cell)) throw new OfficeError('InvalidArgument', `单元格 ${at.cell} 已有批注`);
      at.sheet.notes.set(at.cell, String(content));
    });
    return new FakeNote(this.batch, () => at ?? this.locate(cellAddress));
  }
  getItem(key: string): XNote { return new FakeNote(this.batch, () => this.locate(key)); }
}

export class FakeWorksheets extends CollectionProxy<XWorksheet> implements XWorksheetCollection {
  constructor(batch: Batch, private readonly hooks: HostHooks) { super(batch); }
  protected materialize(props: string[]): XWorksheet[] {
    return this.batch.model.sheets.map((s) => {
      const w = new FakeWorksheet(this.batch, this.hooks, () => s);
      if (props.length) w.load(props);
      return w;
    });
  }
  load(propertyNames?: LoadArg): FakeWorksheets { this.loadItems(propertyNames); return this; }
  add(name?: string): FakeWorksheet {
    let model: SheetModel | undefined;
    this.batch.queue(() => { model = this.batch.model.addSheet(name); });
    return new FakeWorksheet(this.batch, this.hooks, () => model);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.batch, this.hooks, () => this.batch.model.sheet(key) ?? this.batch.model.sheets.find((s) => s.id === key));
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.batch, this.hooks, () => this.batch.model.activeSheet);
  }
}

export class FakeWorkbook implements XWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly names: XNamedItemCollection;
  constructor(private readonly batch: Batch, hooks: HostHooks) {
    this.worksheets = new FakeWorksheets(batch, hooks);
    this.names = new FakeNames(batch, () => batch.model.names);
  }
  readonly application: XApplication = { suspendApiCalculationUntilNextSync: () => this.batch.queue(() => undefined) };
  get notes(): XNoteCollection {
    if (this.batch.api < 1.18) throw new OfficeError('ApiNotFound', 'workbook.notes 需要 ExcelApi 1.18');
    return new FakeNotes(this.batch);
  }
}

export class FakeRuntime extends Proxy implements XRuntime {
  constructor(batch: Batch, private readonly hooks: HostHooks) { super(batch); }
  protected snapshot(p: string): unknown {
    if (p === 'enableEvents') return this.hooks.enableEvents;
    throw new OfficeError('InvalidArgument', `Runtime 没有属性 ${p}`);
  }
  load(propertyNames?: LoadArg): FakeRuntime { this.loadProps(propertyNames ?? 'enableEvents'); return this; }
  get enableEvents(): boolean { return this.read('enableEvents'); }
  set enableEvents(v: boolean) { this.write('enableEvents', () => { this.hooks.enableEvents = v; }); }
}
