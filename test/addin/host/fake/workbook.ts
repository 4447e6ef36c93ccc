/** Fake Workbook, Worksheet, names, custom properties and notes proxies. */
import type {
  ChangedArgs, LoadArg, XApplication, XCustomProperty, XCustomPropertyCollection, XEventSource, XNamedItem,
  XNamedItemCollection, XNote, XNoteCollection, XRuntime, XSetting, XSettingCollection, XWorkbook, XWorksheet,
  XWorksheetCollection, XWorksheetProtection,
} from '../../../../addin/src/office-types.js';
import { CollectionProxy, OfficeError, Proxy, requireSheet, type Batch } from './client.js';
import { parseLocal, rectAddress, splitAddress, type NameModel, type SheetModel } from './model.js';
import { FakeRange } from './range.js';
import { renameSheet } from './structure.js';

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
  set name(n: string) { this.write('name', () => { renameSheet(this.batch.model, this.sheet(), n); }); }
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

  /** The used range from A1-relative extent (cells that hold a value, a formula or a format), or a null object. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const area = () => {
      const s = this.model();
      if (!s) return undefined;
      let top = Infinity, left = Infinity, bottom = -1, right = -1;
      for (const [k, c] of s.cells) {
        if (valuesOnly && c.formula === undefined && c.value === '') continue;
        const [r, cc] = k.split(',').map(Number) as [number, number];
        top = Math.min(top, r); left = Math.min(left, cc); bottom = Math.max(bottom, r); right = Math.max(right, cc);
      }
      return bottom < 0 ? undefined : rectAddress({ top, left, bottom, right });
    };
    return new FakeRange(this.batch, this.sheet, area, true);
  }

  readonly protection: XWorksheetProtection = new FakeProtection(this.batch, () => this.sheet());

  activate(): void {
    this.batch.queue(() => { this.batch.model.activeSheet = this.sheet(); });
  }
}

class FakeProtection extends Proxy implements XWorksheetProtection {
  protected override readonly defaultLoad = ['protected'];
  constructor(batch: Batch, private readonly sheet: () => SheetModel) { super(batch); }
  protected snapshot(p: string): unknown {
    if (p === 'protected') return !!this.sheet().protection;
    if (p === 'options') return { ...this.sheet().protection?.options };
    throw new OfficeError('InvalidArgument', `WorksheetProtection 没有属性 ${p}`);
  }
  load(propertyNames?: LoadArg): FakeProtection { this.loadProps(propertyNames); return this; }
  get protected(): boolean { return this.read('protected'); }
  get options(): Excel.WorksheetProtectionOptions { return this.read('options'); }
  /** As Excel since 2026 (office-js#6784): protecting a protected sheet, or unprotecting an unprotected one, is AccessDenied. */
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.write('protected', () => {
      const s = this.sheet();
      if (s.protection) throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
      s.protection = { options: { ...options }, ...(password ? { password } : {}) };
    });
  }
  unprotect(password?: string): void {
    this.write('protected', () => {
      const s = this.sheet();
      if (!s.protection || (s.protection.password !== undefined && s.protection.password !== password)) {
        throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
      }
      delete s.protection;
    });
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

class FakeNamedItem extends Proxy implements XNamedItem {
  protected override readonly defaultLoad = ['name', 'formula', 'type'];
  constructor(batch: Batch, private readonly scope: () => Map<string, NameModel>, private readonly key: string) { super(batch); }
  private model(): NameModel | undefined {
    const m = this.scope();
    return [...m.values()].find((n) => n.name.toLowerCase() === this.key.toLowerCase());
  }
  protected snapshot(p: string): unknown {
    const n = this.model();
    if (p === 'isNullObject') return !n;
    if (!n) return undefined;
    if (p === 'name') return n.name;
    if (p === 'formula') return `=${n.ref}`;
    if (p === 'type') return /#REF!/.test(n.ref) ? 'Error' : 'Range';
    throw new OfficeError('InvalidArgument', `NamedItem 没有属性 ${p}`);
  }
  load(propertyNames?: LoadArg): FakeNamedItem { this.loadProps(propertyNames); this.loadProps('isNullObject'); return this; }
  get name(): string { return this.read('name'); }
  get formula(): string { return this.read('formula'); }
  get type(): XNamedItem['type'] { return this.read('type'); }
  get isNullObject(): boolean { return this.read('isNullObject'); }
  delete(): void {
    this.batch.queue(() => {
      const n = this.model();
      if (!n) throw new OfficeError('ItemNotFound', `名称“${this.key}”不存在`);
      this.scope().delete(n.name);
    });
  }
}

class FakeNames extends CollectionProxy<XNamedItem> implements XNamedItemCollection {
  constructor(batch: Batch, private readonly scope: () => Map<string, NameModel>) { super(batch); }
  protected materialize(props: string[]): XNamedItem[] {
    return [...this.scope().values()].map((n) => {
      const item = new FakeNamedItem(this.batch, this.scope, n.name);
      if (props.length) item.load(props);
      return item;
    });
  }
  getItemOrNullObject(name: string): FakeNamedItem { return new FakeNamedItem(this.batch, this.scope, name); }
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
    return new FakeNamedItem(this.batch, this.scope, name);
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
  set content(v: string) { this.write('content', () => { const { sheet, cell } = this.editable(); sheet.notes.set(cell, v); }); }
  delete(): void { this.batch.queue(() => { const { sheet, cell } = this.editable(); sheet.notes.delete(cell); }); }
  private editable() {
    const at = this.existing();
    if (at.sheet.protection && !at.sheet.protection.options.allowEditObjects) throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
    return at;
  }
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
      if (at.sheet.protection && !at.sheet.protection.options.allowEditObjects) throw new OfficeError('AccessDenied', 'You cannot perform the requested operation.');
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
  get settings(): XSettingCollection { return new FakeSettings(this.batch); }
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

class FakeSetting extends Proxy implements XSetting {
  protected override readonly defaultLoad = ['key', 'value'];
  constructor(batch: Batch, private readonly key_: string) { super(batch); }
  protected snapshot(p: string): unknown {
    const m = this.batch.model.settings;
    if (p === 'isNullObject') return !m.has(this.key_);
    if (!m.has(this.key_)) return undefined; // a null object: its properties read as null, isNullObject tells
    if (p === 'key') return this.key_;
    if (p === 'value') return structuredClone(m.get(this.key_));
    throw new OfficeError('InvalidArgument', `Setting 没有属性 ${p}`);
  }
  load(propertyNames?: LoadArg): FakeSetting { this.loadProps(propertyNames); this.loadProps('isNullObject'); return this; }
  get key(): string { return this.read('key'); }
  get value(): any { return this.read('value'); }
  set value(v: any) { this.write('value', () => { this.batch.model.settings.set(this.key_, structuredClone(v)); }); }
  get isNullObject(): boolean { return this.read('isNullObject'); }
  delete(): void { this.batch.queue(() => { this.batch.model.settings.delete(this.key_); }); }
}

/** Workbook settings: values are stored as JSON, as Office does (so they survive save and reopen). */
class FakeSettings implements XSettingCollection {
  constructor(private readonly batch: Batch) {}
  add(key: string, value: unknown): XSetting {
    this.batch.queue(() => {
      if (key.length > 255) throw new OfficeError('InvalidArgument', '设置名过长');
      this.batch.model.settings.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    });
    return new FakeSetting(this.batch, key);
  }
  getItemOrNullObject(key: string): XSetting { return new FakeSetting(this.batch, key); }
}
