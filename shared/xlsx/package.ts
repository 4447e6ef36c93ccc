/**
 * The parts of an .xlsx package a reader of values needs — sheets, defined names, shared strings, cells — read
 * through the core's bounded zip reader and markup reader. No styles, no drawings, no library that inflates every
 * part up front: a workbook is only opened after the zip reader has seen that it is within the limits.
 */
import { readMarkup } from '../import/markup.js';
import { parseAddress } from '../layout/a1.js';
import { readZip, type ZipFailure } from '../zip.js';

/** One cell as stored: its type attribute, cached value and formula (`f` without `=`). */
export interface StoredCell {
  readonly type: string;
  readonly value?: string;
  readonly formula?: string;
  /** The text of an inline string (`t="inlineStr"`). */
  readonly inline?: string;
}

export interface StoredSheet {
  readonly name: string;
  readonly state: string;
  /** By `row * COLS + col` (0-based). */
  readonly cells: ReadonlyMap<number, StoredCell>;
}

export interface WorkbookPackage {
  readonly sheets: readonly StoredSheet[];
  /** Defined names → their formula text (`'年报'!$B$10:$H$20`); workbook-scoped names only, first of each. */
  readonly names: ReadonlyMap<string, string>;
  readonly sharedStrings: readonly string[];
}

/** Columns per row in a cell key; Excel has 16,384. */
export const COLS = 16_384;

export type PackageRead = { ok: true; book: WorkbookPackage } | { ok: false; reason: ZipFailure | 'no-workbook' };

const utf8 = new TextDecoder('utf-8');

function partText(files: ReadonlyMap<string, Uint8Array>, name: string): string | undefined {
  const bytes = files.get(name);
  return bytes ? utf8.decode(bytes) : undefined;
}

/** Relationship id → part name for xl/workbook.xml (targets are relative to xl/ or absolute). */
function relationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  readMarkup(xml, (e) => {
    if (e.type !== 'open' || !/(?:^|:)Relationship$/.test(e.name)) return;
    const id = e.attrs.id, target = e.attrs.target;
    if (id && target) out.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }, false);
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let item: string | null = null;
  let inText = false;
  let phonetic = 0; // <rPh> runs are reading aids, not part of the string
  readMarkup(xml, (e) => {
    if (e.type === 'text') {
      if (inText && item !== null && !phonetic) item += e.text;
      return;
    }
    const local = e.name.slice(e.name.indexOf(':') + 1);
    if (local === 'si') {
      if (e.type === 'open' && !e.selfClosing) item = '';
      else if (e.type === 'open') out.push('');
      else if (item !== null) out.push(item), (item = null);
    } else if (local === 't') inText = e.type === 'open' && !e.selfClosing;
    else if (local === 'rPh') phonetic += e.type === 'open' && !e.selfClosing ? 1 : e.type === 'close' ? -1 : 0;
  }, false);
  return out;
}

function sheetCells(xml: string): Map<number, StoredCell> {
  const cells = new Map<number, StoredCell>();
  let key = -1;
  let type = '';
  let value: string | undefined, formula: string | undefined, inline: string | undefined;
  let into: 'v' | 'f' | 'is' | null = null;
  readMarkup(xml, (e) => {
    if (e.type === 'text') {
      if (into === 'v') value = (value ?? '') + e.text;
      else if (into === 'f') formula = (formula ?? '') + e.text;
      else if (into === 'is') inline = (inline ?? '') + e.text;
      return;
    }
    const local = e.name.slice(e.name.indexOf(':') + 1);
    if (local === 'c') {
      if (e.type === 'open') {
        const at = parseAddress(e.attrs.r ?? '');
        key = at ? at.row * COLS + at.col : -1;
        type = e.attrs.t ?? 'n';
        value = formula = inline = undefined;
        if (e.selfClosing) key = -1;
      } else if (key >= 0) {
        cells.set(key, { type, ...(value !== undefined ? { value } : {}), ...(formula !== undefined ? { formula } : {}), ...(inline !== undefined ? { inline } : {}) });
        key = -1;
      }
    } else if (key >= 0 && (local === 'v' || local === 'f')) {
      into = e.type === 'open' && !e.selfClosing ? local : null;
      if (local === 'f' && e.type === 'open') formula ??= '';
    } else if (key >= 0 && local === 't') {
      into = e.type === 'open' && !e.selfClosing ? 'is' : null;
    }
  }, false);
  return cells;
}

/** Reads the package; the sheets are those xl/workbook.xml lists, in its order. Never throws. */
export function readWorkbookPackage(bytes: Uint8Array): PackageRead {
  const zip = readZip(bytes, (name) => name.startsWith('xl/') && /\.(?:xml|rels)$/.test(name) && !name.startsWith('xl/media/'));
  if (!zip.ok) return { ok: false, reason: zip.reason };
  const workbook = partText(zip.files, 'xl/workbook.xml');
  const rels = partText(zip.files, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return { ok: false, reason: 'no-workbook' };
  const targets = relationships(rels);
  const listed: { name: string; state: string; part?: string }[] = [];
  const names = new Map<string, string>();
  let name: string | null = null;
  let text = '';
  readMarkup(workbook, (e) => {
    if (e.type === 'text') {
      if (name !== null) text += e.text;
      return;
    }
    const local = e.name.slice(e.name.indexOf(':') + 1);
    if (local === 'sheet' && e.type === 'open') {
      const part = targets.get(e.attrs['r:id'] ?? '');
      listed.push({ name: e.attrs.name ?? '', state: e.attrs.state ?? 'visible', ...(part ? { part } : {}) });
    } else if (local === 'definedName') {
      if (e.type === 'open' && !e.selfClosing) {
        name = e.attrs.localsheetid === undefined ? (e.attrs.name ?? null) : null;
        text = '';
      } else if (e.type === 'close' && name !== null) {
        if (!names.has(name)) names.set(name, text.trim());
        name = null;
      }
    }
  }, false);
  const sheets = listed.map((s) => {
    const xml = s.part ? partText(zip.files, s.part) : undefined;
    return { name: s.name, state: s.state, cells: xml ? sheetCells(xml) : new Map<number, StoredCell>() };
  });
  return { ok: true, book: { sheets, names, sharedStrings: sharedStrings(partText(zip.files, 'xl/sharedStrings.xml')) } };
}
