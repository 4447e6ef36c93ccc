/**
 * Client-side proxies of the fake host, as Office.js has them: every call queues a command on the request context;
 * nothing happens until `context.sync()`; a property read before it was loaded and synced throws PropertyNotLoaded.
 */
import type { LoadArg } from '../../../../addin/src/office-types.js';
import type { SheetModel, WorkbookModel } from './model.js';

export class OfficeError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export function notLoaded(property: string): OfficeError {
  return new OfficeError('PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
}

/** What a request context offers its proxies. */
export interface Batch {
  readonly model: WorkbookModel;
  queue(command: () => void): void;
  changed(sheet: SheetModel, top: number, left: number, bottom: number, right: number): void;
  readonly api: number;
}

function names(arg: LoadArg | undefined, defaults: readonly string[]): string[] {
  if (arg === undefined) return [...defaults];
  const list = Array.isArray(arg) ? arg : arg.split(',');
  return list.map((s) => s.trim()).filter(Boolean);
}

/** A proxy whose scalar properties become readable after load + sync. */
export abstract class Proxy {
  private readonly loaded = new Map<string, unknown>();
  constructor(readonly batch: Batch) {}
  /** Reads a property's current value from the model (at sync time). */
  protected abstract snapshot(property: string): unknown;
  protected readonly defaultLoad: readonly string[] = [];

  protected loadProps(arg: LoadArg | undefined): void {
    const props = names(arg, this.defaultLoad);
    this.batch.queue(() => {
      for (const p of props) this.loaded.set(p, this.snapshot(p));
    });
  }

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property) as T;
  }

  /** Queues a write; the local copy is stale until loaded again. */
  protected write(property: string, command: () => void): void {
    this.loaded.delete(property);
    this.batch.queue(command);
  }
}

/** A collection proxy: `load('items/name')` or `load('name')` loads its items with those properties. */
export abstract class CollectionProxy<T> extends Proxy {
  private items_?: T[];
  protected abstract materialize(props: string[]): T[];
  protected snapshot(): unknown { return undefined; }

  get items(): T[] {
    if (!this.items_) throw notLoaded('items');
    return this.items_;
  }

  protected loadItems(arg: LoadArg | undefined): void {
    const props = names(arg, []).map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    this.batch.queue(() => { this.items_ = this.materialize(props); });
  }
}

export function requireSheet(s: SheetModel | undefined, what: string): SheetModel {
  if (!s) throw new OfficeError('ItemNotFound', `找不到${what}`);
  return s;
}
