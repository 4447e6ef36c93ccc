/**
 * Token streams of the three table regions → cells of the draft, in the chosen format. Numbers after a row label
 * belong to that row until the next label; wrapped or misspelt labels are matched by similarity; rows whose
 * numbers ran together are decoded by the format's own sums (decode.ts).
 */
import { catalogue, FORMATS, type FormatId, type RowInfo, type TableId } from '../formats/index.js';
import { IMPORT_MESSAGES, MESSAGES } from '../messages.js';
import { finding, type Finding } from '../rules/catalogue.js';
import { decodeRows, type PendingRow } from './decode.js';
import { editDistance } from '../distance.js';
import { eachGram } from './grams.js';
import { compact, stripNumbering } from './normalize.js';
import type { Token } from './tokens.js';
import { vocab, type RowLabel } from './vocab.js';

type Values = (Extract<Token, { t: 'value' }> | Extract<Token, { t: 'blank' }>)[];

interface RowRead {
  readonly format: FormatId;
  readonly row: string;
  readonly values: Values;
}

export interface TablesRead {
  readonly cells: Record<string, string>;
  readonly findings: Finding[];
  /** Labels of the other format seen (for format.mixed). */
  readonly foreignLabels: string[];
  /** Ids in `cells` that the chosen format does not have, in the order they were first written. */
  readonly foreignCells: string[];
}

const TITLE: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** Label positions by bigram (first code → second code → labels), per label list. */
type GramIndex = Map<number, Map<number, number[]>>;
const gramIndexes = new WeakMap<readonly RowLabel[], GramIndex>();

function gramIndex(labels: readonly RowLabel[]): GramIndex {
  let index = gramIndexes.get(labels);
  if (index) return index;
  const built: GramIndex = new Map();
  labels.forEach((l, i) => {
    for (const [a, seconds] of l.grams.next) {
      for (const b of seconds) {
        let byB = built.get(a);
        if (!byB) built.set(a, (byB = new Map()));
        const list = byB.get(b);
        if (list) list.push(i);
        else byB.set(b, [i]);
      }
    }
  });
  gramIndexes.set(labels, (index = built));
  return index;
}

/** Bigrams each label shares with a text, counted in one pass over the text's bigrams (not one per label). */
let sharedCounts = new Int32Array(64);

/** The best row label for a leftover text: a wrapped-label prefix (exact) or a near spelling (a typo). */
function similarRow(key: string, labels: readonly RowLabel[], seen: ReadonlySet<string>): { label: RowLabel; typo: boolean } | undefined {
  const k = stripNumbering(key);
  if (k.length < 3 || k.length > 80) return undefined;
  const index = gramIndex(labels);
  if (sharedCounts.length < labels.length) sharedCounts = new Int32Array(labels.length * 2);
  const shared = sharedCounts;
  shared.fill(0, 0, labels.length);
  const size = eachGram(k, (a, b) => {
    const list = index.get(a)?.get(b);
    if (list) for (const i of list) shared[i]!++;
  });
  let best: { label: RowLabel; typo: boolean; d: number } | undefined;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (seen.has(l.row)) continue;
    const official = l.bare;
    if (official.startsWith(k) && k.length >= Math.max(4, Math.min(10, official.length * 0.4))) return { label: l, typo: false };
    // A misspelling is recognised only in a label long enough to survive one: 「·其他」 is not 「3.其他」 misspelt.
    if (official.length < 4 || shared[i]! < Math.min(size, l.grams.size) * 0.5) continue;
    const whole = editDistance(k, official);
    const prefix = k.length >= 6 && k.length < official.length ? editDistance(k, official.slice(0, k.length)) : Infinity;
    const d = Math.min(whole, prefix);
    const limit = whole <= prefix ? Math.max(1, Math.floor(official.length * 0.25)) : 1;
    if (d <= limit && (!best || d < best.d)) best = { label: l, typo: true, d };
  }
  return best && { label: best.label, typo: best.d > 0 };
}

interface Collected {
  rows: Map<string, RowRead>;
  foreign: RowRead[];
  groupValues: Map<string, Values>;
  typos: { written: string; official: string }[];
  foreignLabels: string[];
  /** Labelled rows the format does not have, with what followed them. */
  extras: { label: string; readonly values: Values }[];
  any: boolean;
}

/** A leftover text that may be a row's label: it holds a CJK letter (not a stray unit, dash or page mark). */
const LABEL_LIKE = /[\u4e00-\u9fff]/u;

/** An official label compacted and without its numbering, as a row's written label is compared with it (memoised:
 *  the labels are the format's, the same for every report). */
const bareKeys = new Map<string, string>();
function bareKey(official: string): string {
  let k = bareKeys.get(official);
  if (k === undefined) bareKeys.set(official, (k = stripNumbering(compact(official))));
  return k;
}

/** Cells per row id of a table, per format: how many numbers or blanks make a row complete (built once). */
const widths = new Map<FormatId, Map<TableId, ReadonlyMap<string, number>>>();
function widthOf(table: TableId, f: FormatId, row: string): number {
  let byTable = widths.get(f);
  if (!byTable) widths.set(f, (byTable = new Map()));
  let m = byTable.get(table);
  if (!m) byTable.set(table, (m = new Map(rowsOf(catalogue(f), table).map((r) => [r.id, r.cells.length]))));
  return m.get(row) ?? 0;
}

function collect(table: TableId, tokens: readonly Token[], format: FormatId): Collected {
  const v = vocab(table);
  const labels = v.rowLabels.get(format) ?? [];
  const out: Collected = { rows: new Map(), foreign: [], groupValues: new Map(), typos: [], foreignLabels: [], extras: [], any: false };
  const seen = new Set<string>();
  let values: Values | null = null;
  // The row being read: its label as written so far (compact) and the label it must be a prefix of.
  let current: { written: string; official: string; width: number } | null = null;
  // An unknown row whose label is still being read (no number yet): fixed texts inside it (「6.其他不予处理情形」
  // holds the group label 「不予处理」) are part of its label.
  let extra: Collected['extras'][number] | null = null;
  // A text between a row's label and its first number that does not continue the label: a wrapped fragment of a
  // merged label (「他处理」), or the label of a row the format lacks. Numbers right after it belong to no known row.
  let interrupted: string | null = null;
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { startExtra, start, stop } = {
    startExtra(label: string) {
      extra = { label, values: [] };
      out.extras.push(extra);
      values = extra.values;
      current = null;
      interrupted = null;
    },
    start(f: FormatId, row: string, written: string, official: string) {
      const r: RowRead = { format: f, row, values: [] };
      if (f === format) {
        seen.add(row);
        out.rows.set(row, r);
      } else out.foreign.push(r);
      out.any = true;
      values = r.values;
      current = { written, official: bareKey(official), width: widthOf(table, f, row) };
    },
    stop() {
      values = null;
      current = null;
    }
  };
  for (const tok of tokens) {
    // (Read through a cast: TypeScript does not see that startExtra, a closure, sets it.)
    const open = extra as Collected['extras'][number] | null;
    if (open && (tok.t === 'value' || (tok.t === 'anchor' && tok.entry.kind === 'row'))) extra = null;
    switch (tok.t) {
      case 'value': case 'blank':
        // Whose numbers these are is unclear: left out (and reported as an extra row), never given to the row.
        if (interrupted !== null) startExtra(interrupted);
        values?.push(tok);
        break;
      case 'anchor': {
        const e = tok.entry;
        interrupted = null;
        if (open && e.kind !== 'row') {
          open.label += tok.text;
          break;
        }
        if (e.sole !== undefined && e.sole !== format) out.foreignLabels.push(e.official);
        const own = e.rows[format];
        if (e.kind === 'row' && own) {
          // Two row labels with nothing between them (a PDF line holding two wrapped labels, 「（一）予以公开（二）部分
          // 公开…」): the numbers that follow may be either row's. Neither gets them; both are reported as unread.
          const labelOnly = current !== null && values !== null && (values as Values).length === 0;
          if (seen.has(own)) stop();
          else start(format, own, e.key, e.official);
          if (labelOnly) values = null;
        } else if (e.kind === 'row' && e.groupIn.has(format)) {
          const list: Values = [];
          out.groupValues.set(e.key, list);
          values = list;
          current = null;
        } else if (e.kind === 'row') {
          const [f, row] = Object.entries(e.rows)[0]! as [FormatId, string];
          start(f, row, e.key, e.official);
        } else stop();
        break;
      }
      case 'text': {
        const m = similarRow(tok.key, labels, seen);
        if (!m && open) {
          open.label += tok.raw;
          break;
        }
        extra = null;
        if (m) {
          interrupted = null;
          if (m.typo) out.typos.push({ written: tok.raw, official: m.label.official });
          start(format, m.label.row, tok.key, m.label.official);
          break;
        }
        // The rest of a label that spilled over (a Markdown row of its own, a wrapped line): still the same row.
        const cur = current as { written: string; official: string; width: number } | null;
        if (cur) {
          const joined = stripNumbering(cur.written + tok.key);
          if (joined.length <= cur.official.length && cur.official.startsWith(joined)) {
            cur.written += tok.key;
            interrupted = null;
            break;
          }
        }
        if (!LABEL_LIKE.test(tok.raw)) break;
        // Before the row's first number: wait for what follows (a continuation of the label clears it).
        if (cur && values !== null && (values as Values).length === 0) {
          interrupted = interrupted === null ? tok.raw : interrupted + tok.raw;
          break;
        }
        // After numbers, or outside any row: a labelled row the format does not have; its numbers are its own, not
        // the row's above (a row whose numbers ran together may look short: its end is not known from its count).
        startExtra(tok.raw);
        break;
      }
      default:
    }
  }
  return out;
}

/**
 * Blanks beyond the row's width at either end are merged cells around the label, not cells of the row: the range
 * `[lo, hi)` of `values` left after dropping them (no copy: this runs on every row of every report).
 */
function trimBlanks(values: Values, n: number): { lo: number; hi: number } {
  let lo = 0;
  let hi = values.length;
  while (hi - lo > n && values[lo]!.t === 'blank') lo++;
  while (hi - lo > n && values[hi - 1]!.t === 'blank') hi--;
  return { lo, hi };
}

/** Rows of one table in a catalogue, in order (filtered once per catalogue and table). */
const tableRows = new WeakMap<object, Map<TableId, readonly RowInfo[]>>();
function rowsOf(cat: ReturnType<typeof catalogue>, table: TableId): readonly RowInfo[] {
  let byTable = tableRows.get(cat);
  if (!byTable) tableRows.set(cat, (byTable = new Map()));
  let rows = byTable.get(table);
  if (!rows) byTable.set(table, (rows = cat.rows.filter((r) => r.table === table)));
  return rows;
}

/** Cell ids of a row's cells: one array per catalogue row, so the decoder can key its memo by identity. */
const idsCache = new WeakMap<readonly { readonly id: string }[], readonly string[]>();
function idsOf(defs: readonly { readonly id: string }[]): readonly string[] {
  let ids = idsCache.get(defs);
  if (!ids) idsCache.set(defs, (ids = defs.map((c) => c.id)));
  return ids;
}

const raw = (t: Values[number]) => (t.t === 'value' ? t.raw : '');

/**
 * The values after each t4 group label that heads a printed row (行政复议 / 未经复议直接起诉 / 复议后起诉): printed as
 * labelled rows, or (`stacked`) as three blocks one under another, each its label, the column headers (结果维持 …
 * 总计) and then its numbers — a workbook printed on narrow paper, as the template prints. Stacked blocks count only
 * when every group has numbers and none more than its cells: the one-row form also has the group labels and the
 * column headers before its numbers (all fifteen of them after the last label).
 */
const t4Groups = new Map<FormatId, ReadonlyMap<string, string>>();
function t4GroupRows(tokens: readonly Token[], format: FormatId, stacked: boolean): Map<string, Values> {
  let byKey = t4Groups.get(format);
  if (!byKey) t4Groups.set(format, (byKey = new Map(FORMATS[format].t4.groups.map((g) => [compact(g.label), g.id]))));
  const out = new Map<string, Values>();
  let values: Values | null = null;
  for (const t of tokens) {
    if (t.t === 'anchor') {
      const id = byKey.get(t.entry.key);
      // A label printed twice (once in the header) heads the row whose numbers follow it.
      if (id) values = !out.get(id)?.some((x) => x.t === 'value') ? [] : null;
      // Stacked: the column headers between a block's label and its numbers leave the row open.
      else if (!stacked || values?.some((x) => x.t === 'value')) values = null;
      if (id && values) out.set(id, values);
    } else if ((t.t === 'value' || t.t === 'blank') && values) values.push(t);
    else if (t.t === 'text' && /[\u4e00-\u9fff]/u.test(t.raw)) values = null;
  }
  for (const [id, vals] of out) if (!vals.some((x) => x.t === 'value')) out.delete(id);
  if (!stacked) return out;
  const rows = rowsOf(catalogue(format), 't4');
  const fits = (r: RowInfo) => (out.get(r.id)?.filter((x) => x.t === 'value').length ?? 0) <= r.cells.length;
  return out.size === rows.length && rows.every(fits) ? out : new Map();
}

export function readTables(tokens: Readonly<Partial<Record<TableId, readonly Token[]>>>, format: FormatId): TablesRead {
  const cells: Record<string, string> = {};
  const findings: Finding[] = [];
  const foreignLabels: string[] = [];
  const foreignCells = new Set<string>();
  const cat = catalogue(format);
  for (const table of ['t2', 't3', 't4'] as const) {
    const toks = tokens[table] ?? [];
    const title = FORMATS[format][table].title;
    const pending: (PendingRow & { info: RowInfo; digits: string })[] = [];
    // This table's findings: said as they are, or as one structure.unreadable-table when no cell could be read.
    const said: Finding[] = [];
    let written = 0;
    // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
    // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
    const { put } = {
      put(info: RowInfo, values: Values, f: FormatId = format) {
        const defs = f === format ? info.cells : catalogue(f).rows.find((r) => r.table === table && r.id === info.id)?.cells ?? [];
        const { lo, hi } = trimBlanks(values, defs.length);
        if (hi - lo === defs.length) {
          for (let i = 0; i < defs.length; i++) {
            const id = defs[i]!.id;
            if (f !== format && !cat.byId.has(id)) foreignCells.add(id);
            cells[id] = raw(values[lo + i]!);
          }
          written++;
          return;
        }
        const v = values.slice(lo, hi);
        const parts = v.filter((t) => t.t === 'value').map(raw);
        if (v.length < defs.length && v.some((t) => t.t === 'value' && t.glued) && f === format) {
          pending.push({ key: info.id, cellIds: idsOf(defs), parts, info, digits: parts.join('') });
          return;
        }
        said.push(finding('structure.row-shape', MESSAGES.rowShape(info.label, defs.length, v.length), defs.map((c) => c.id)));
      }
    };
    // Whether the table was found at all: a fixed text of it (caption, header, label) in its region.
    const found = toks.some((t) => t.t === 'anchor');
    // Whether any row of it was recognised (t4: the numbers stand under the header, there are no row labels).
    let rowsFound = table === 't4';
    // Labels of rows the format lacks that hold numbers: each an extra-row warning, or the reason a table was not read.
    const extraLabels: string[] = [];

    if (table === 't4') {
      let groupRows = t4GroupRows(toks, format, false);
      if (!groupRows.size) groupRows = t4GroupRows(toks, format, true);
      if (groupRows.size) {
        // Printed as labelled rows, one per group: each row is read on its own.
        for (const info of rowsOf(cat, 't4')) {
          const vals = groupRows.get(info.id);
          if (vals) put(info, vals);
          else said.push(finding('structure.missing-row', MESSAGES.missingRow(title, info.label), info.cells.map((x) => x.id)));
        }
      } else {
        // One printed row of 15 numbers under the header: the numbers after the last header text.
        let last = -1;
        toks.forEach((t, i) => t.t === 'anchor' && (last = i));
        const values = toks.slice(last + 1).filter((t): t is Values[number] => t.t === 'value' || t.t === 'blank');
        if (values.some((t) => t.t === 'value')) {
          const info: RowInfo = { table: 't4', id: 't4', label: TITLE.t4, cells: cat.tables.t4 };
          put(info, values);
        } else if (!found) findings.push(finding('structure.missing-table', MESSAGES.missingTable(title)));
      }
    } else {
      const c = collect(table, toks, format);
      foreignLabels.push(...c.foreignLabels);
      for (const t of c.typos) findings.push(finding('structure.heading', IMPORT_MESSAGES.rowLabel(TITLE[table], t.written, t.official)));
      for (const x of c.extras) {
        const nums = x.values.filter((t) => t.t === 'value').map(raw);
        if (!nums.length) continue;
        extraLabels.push(x.label);
        said.push(finding('structure.extra-row', IMPORT_MESSAGES.extraRow(TITLE[table], format, x.label, nums)));
      }
      const rows = rowsOf(cat, table);
      const foreignRows = new Set(c.foreign.map((r) => r.row));
      // A group of rows printed as the other format's one row (format data: t3.oneRowForms).
      const oneRow = new Set<string>();
      const forms = table === 't3' ? FORMATS[format].t3.oneRowForms ?? [] : [];
      for (const form of forms) {
        const vals = c.groupValues.get(compact(form.group));
        if (!vals?.some((t) => t.t === 'value') || form.rows.some((id) => c.rows.has(id))) continue;
        const info = catalogue(form.readAs.format).rows.find((r) => r.table === table && r.id === form.readAs.row)!;
        put(info, vals, form.readAs.format);
        for (const id of form.rows) oneRow.add(id);
        // The finding names the format's own rows too: they are absent for this reason, not blank.
        const subRows = rows.filter((r) => form.rows.includes(r.id));
        findings.push(finding(
          'format.mixed',
          IMPORT_MESSAGES.otherAsOneRow(format, subRows.map((r) => r.cells[0]!.rowLabel.slice(info.label.length))),
          [...info.cells, ...subRows.flatMap((r) => r.cells)].map((x) => x.id),
        ));
      }
      rowsFound = c.any || oneRow.size > 0;
      if (!rowsFound && !found) {
        findings.push(finding('structure.missing-table', MESSAGES.missingTable(title)));
        continue;
      }
      for (const r of c.foreign) {
        const info = catalogue(r.format).rows.find((x) => x.table === table && x.id === r.row);
        if (info) put(info, r.values, r.format);
      }
      for (const info of rows) {
        const r = c.rows.get(info.id);
        if (r) {
          // 2019 （六）其他处理 followed by the 2021 sub-rows: the label carries no numbers of its own.
          if (r.values.length === 0 && foreignRows.size > 0) continue;
          put(info, r.values);
        } else if (!oneRow.has(info.id)) {
          said.push(finding('structure.missing-row', MESSAGES.missingRow(title, info.label), info.cells.map((x) => x.id)));
        }
      }
    }

    if (pending.length) {
      // The decoder only reads the cells fixed so far; they are written after it returns.
      const outcomes = decodeRows(format, table, pending, cells);
      const rebuilt: string[] = [];
      outcomes.forEach((o, i) => {
        const p = pending[i]!;
        if (o.ok) {
          for (let k = 0; k < p.cellIds.length; k++) cells[p.cellIds[k]!] = o.values[k]!;
          rebuilt.push(p.info.label);
          written++;
        } else if (o.reason === 'too-many') {
          said.push(finding('structure.row-shape', IMPORT_MESSAGES.tooAmbiguous(p.info.label, p.digits, p.cellIds.length), [...p.cellIds]));
        } else {
          said.push(finding('structure.row-shape', IMPORT_MESSAGES.undecodable(p.info.label, p.digits, p.cellIds.length, o.readings), [...p.cellIds]));
        }
      });
      if (rebuilt.length) {
        const ids: string[] = [];
        outcomes.forEach((o, i) => o.ok && ids.push(...pending[i]!.cellIds));
        findings.push(finding('text.artifact', IMPORT_MESSAGES.reconstructed(TITLE[table], rebuilt), ids));
      }
    }
    if (found && written === 0) {
      // Found but nothing read: one finding that says why, not a row-shape per row plus 「缺少表格」.
      const shapes = said.filter((f) => f.rule === 'structure.row-shape');
      const why = shapes.length ? IMPORT_MESSAGES.unreadableWhy.shapes(shapes.length, shapes[0]!.message)
        : rowsFound ? IMPORT_MESSAGES.unreadableWhy.noNumbers() : IMPORT_MESSAGES.unreadableWhy.noRows([...new Set(extraLabels)]);
      findings.push(finding('structure.unreadable-table', IMPORT_MESSAGES.unreadableTable(title, why), cat.tables[table].map((x) => x.id)));
    } else findings.push(...said);
  }
  return { cells, findings, foreignLabels: [...new Set(foreignLabels)], foreignCells: [...foreignCells] };
}
