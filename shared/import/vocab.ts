/**
 * Every fixed text a table region may hold — captions, headers, group labels, row labels — of both formats, read
 * from shared/formats (no second copy), keyed by its compact normalised form, for anchoring cells in running text.
 */
import { FORMAT_IDS, FORMATS, type FormatId, type TableId } from '../formats/index.js';
import { grams, type Grams } from './grams.js';
import { compact, NUMBERING, stripNumbering } from './normalize.js';

export type EntryKind = 'row' | 'group' | 'caption' | 'header' | 'note';

export interface VocabEntry {
  readonly key: string;
  readonly kind: EntryKind;
  readonly table: TableId;
  /** The row id this label names, per format (kind 'row'). */
  readonly rows: Partial<Record<FormatId, string>>;
  /** Formats in which this text is a group label (t3 merged labels). */
  readonly groupIn: ReadonlySet<FormatId>;
  /** Formats whose tables print this text at all. */
  readonly formats: ReadonlySet<FormatId>;
  /** The one format of `formats` when it holds one (a plain field: read for every anchor of every report). */
  readonly sole: FormatId | undefined;
  /** The official text (for messages). */
  readonly official: string;
  /** A bare variant without its numbering (「属于国家秘密」 for 「1.属于国家秘密」). */
  readonly bare: boolean;
}

export interface RowLabel {
  readonly format: FormatId;
  readonly table: TableId;
  readonly row: string;
  readonly official: string;
  readonly key: string;
  /** `key` without its numbering, as compared with leftover text. */
  readonly bare: string;
  readonly grams: Grams;
}

export interface Vocab {
  readonly entries: readonly VocabEntry[];
  /** Entries by the code of the key's first character, longest key first (codes: no one-character strings made per text character). */
  readonly byFirst: ReadonlyMap<number, readonly VocabEntry[]>;
  /** The same first codes as a bit set (one bit per UTF-16 code): the tokenizer tests every character of a table. */
  readonly firstBits: Uint32Array;
  /**
   * Entries by first code, then by the code of the key's second character, longest key first, one-character keys
   * included in every list: a digit in a table (「1」 also starts 「1.属于国家秘密」) is ruled out by one lookup.
   */
  readonly bySecond: ReadonlyMap<number, ReadonlyMap<number, readonly VocabEntry[]>>;
  /** One-character keys by their code (what matches when the next character starts no longer key). */
  readonly singles: ReadonlyMap<number, readonly VocabEntry[]>;
  /** Some key is nothing but ASCII digits (none is today): the tokenizer's shortcut for digit runs is then off. */
  readonly digitKeys: boolean;
  /** Row own-labels per format and table, for similarity matching of fragments and typos. */
  readonly rowLabels: ReadonlyMap<string, readonly RowLabel[]>;
}

interface Draft {
  key: string;
  kind: EntryKind;
  table: TableId;
  rows: Partial<Record<FormatId, string>>;
  groupIn: Set<FormatId>;
  formats: Set<FormatId>;
  sole: FormatId | undefined;
  official: string;
  bare: boolean;
}

function build(table: TableId): Vocab {
  const map = new Map<string, Draft>();
  const rowLabels = new Map<string, RowLabel[]>();
  const add = (text: string, kind: EntryKind, f: FormatId, row?: string, bareToo = true) => {
    const variants: [string, boolean][] = [[compact(text), false]];
    if (bareToo && NUMBERING.test(compact(text))) variants.push([stripNumbering(compact(text)), true]);
    for (const [key, bare] of variants) {
      if (!key) continue;
      const mapKey = bare ? `~${key}` : key;
      let e = map.get(mapKey);
      if (!e) map.set(mapKey, (e = { key, kind, table, rows: {}, groupIn: new Set(), formats: new Set(), sole: undefined, official: text, bare }));
      e.formats.add(f);
      if (kind === 'row' && row) e.rows[f] = row;
      if (kind === 'group') e.groupIn.add(f);
      // A text that is a row somewhere and a group elsewhere (（六）其他处理) stays a row entry with groupIn set.
      if (kind === 'row' && e.kind !== 'row') e.kind = 'row';
    }
  };
  const addRowLabel = (f: FormatId, row: string, official: string) => {
    const key = compact(official);
    const list = rowLabels.get(f) ?? [];
    const bare = stripNumbering(key);
    list.push({ format: f, table, row, official, key, bare, grams: grams(bare) });
    rowLabels.set(f, list);
  };
  for (const f of FORMAT_IDS) {
    const def = FORMATS[f];
    if (table === 't2') {
      add(def.t2.contentHeader, 'header', f);
      for (const b of def.t2.blocks) {
        add(b.caption, 'caption', f);
        for (const c of b.columns) add(c.label, 'header', f);
        for (const r of b.rows) {
          add(r.label, 'row', f, r.id);
          addRowLabel(f, r.id, r.label);
        }
      }
    } else if (table === 't3') {
      add(def.t3.note, 'note', f);
      for (const h of def.t3.header.flat()) if ('text' in h) add(h.text, 'header', f);
      for (const c of def.t3.columns) add(c.label, 'header', f);
      for (const r of def.t3.rows) {
        r.path.forEach((seg, k) => {
          if (k === r.path.length - 1) {
            add(seg, 'row', f, r.id);
            addRowLabel(f, r.id, seg);
          } else add(seg, 'group', f);
        });
      }
    } else {
      for (const h of def.t4.header.flat()) if ('text' in h) add(h.text, 'header', f);
      for (const g of def.t4.groups) add(g.label, 'group', f);
      for (const c of def.t4.columns) add(c.label, 'header', f);
    }
  }
  // A bare variant that collides with another text (「总计」 of 「（七）总计」 is also a column header) or is too
  // short to be a label on its own is dropped.
  const keys = [...map.values()];
  for (const e of keys) e.sole = e.formats.size === 1 ? [...e.formats][0] : undefined;
  const entries = keys.filter((e) => !e.bare || (e.key.length >= 4 && !keys.some((o) => o !== e && !o.bare && o.key === e.key)));
  const byFirst = new Map<number, VocabEntry[]>();
  for (const e of entries) {
    const list = byFirst.get(e.key.charCodeAt(0)) ?? [];
    list.push(e);
    byFirst.set(e.key.charCodeAt(0), list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  const firstBits = new Uint32Array(2048);
  for (const c of byFirst.keys()) firstBits[c >>> 5]! |= 1 << (c & 31);
  const bySecond = new Map<number, Map<number, VocabEntry[]>>();
  const singles = new Map<number, VocabEntry[]>();
  for (const [c, list] of byFirst) {
    const one = list.filter((e) => e.key.length === 1);
    if (one.length) singles.set(c, one);
    const seconds = new Map<number, VocabEntry[]>();
    for (const e of list) if (e.key.length > 1) seconds.set(e.key.charCodeAt(1), []);
    for (const [c2, sub] of seconds) sub.push(...list.filter((e) => e.key.length === 1 || e.key.charCodeAt(1) === c2));
    bySecond.set(c, seconds);
  }
  const digitKeys = entries.some((e) => /^[0-9]+$/.test(e.key));
  return { entries, byFirst, firstBits, bySecond, singles, digitKeys, rowLabels };
}

const cache = new Map<TableId, Vocab>();

export function vocab(table: TableId): Vocab {
  let v = cache.get(table);
  if (!v) cache.set(table, (v = build(table)));
  return v;
}
