/**
 * Several figures in one answer: a row typed at once (「3 1 0 0 0 0」「3，1，0，0，0，0」, with or without the row's
 * total), a block or a whole table pasted from Excel or Word (one row a line, tab- or space-separated, labels
 * optional), and 「都是 0」 for the rest. Rows and columns come from the format data (catalogue rows); what is read
 * is mapped onto the cells from the current question onward and checked before anything is stored.
 */
import { catalogue, type FormatId, type RowInfo, type TableId } from '../../shared/index.js';
import { isComputed } from './tables.js';

/** One line of an answer: the words before the figures (a row label, maybe) and the figures. */
export interface GridLine { readonly label: string; readonly values: readonly string[] }

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

function normalise(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u2212\u2012\u2013\uFE63]/gu, '-')
    .replace(/(\d),(\d{3})(?![\d.])/gu, '$1$2'); // 「1,234」 is one figure; rows use spaces, tabs or 「，」
}

/**
 * The lines of an answer that hold figures. A figure is a token of digits (signed, decimal) standing alone between
 * tabs, spaces or commas; what comes before the first figure is the line's label.
 */
export function readGrid(text: string): GridLine[] {
  const out: GridLine[] = [];
  for (const raw of normalise(text).split(/\r?\n/)) {
    const tokens = raw.split(/[\t \u00A0\u3000,，、;；|]+/u).map((x) => x.trim()).filter(Boolean);
    const first = tokens.findIndex((x) => NUMBER.test(x));
    if (first < 0) continue;
    const values = tokens.slice(first);
    // a line whose figures are interrupted by words is not a row of figures
    if (!values.every((x) => NUMBER.test(x))) return [];
    out.push({ label: tokens.slice(0, first).join(''), values });
  }
  return out;
}

/** How many figures the answer holds (a quick test whether to read it as a grid). */
export function figureCount(lines: readonly GridLine[]): number {
  return lines.reduce((n, l) => n + l.values.length, 0);
}

/** 「都是0」「其余都是 0」「剩下的全是零」「全部为0」: the rest is zero. */
export const REST_ZERO = /^(?:其余|其他|剩下的?|以下|后面的?|这一?[行块组]|本[行块组])?(?:都是|全是|全部(?:为|是)|均为|都为)\s*(?:0|零)$/u;

const bareLabel = (s: string) => s.replace(/[\s\u3000:：、.．,，;；"“”‘’'（）()【】\[\]]/gu, '').replace(/^\d+|^[一二三四五六七八九十]+/u, '');

/** The catalogue rows of a table, in order. */
export function tableRows(format: FormatId, table: TableId): readonly RowInfo[] {
  return catalogue(format).rows.filter((r) => r.table === table);
}

/** The row a label names among `rows` (the longest own label it contains wins), if any. */
export function rowByLabel(label: string, rows: readonly RowInfo[]): RowInfo | undefined {
  const l = bareLabel(label);
  if (!l) return undefined;
  let best: { row: RowInfo; len: number } | undefined;
  for (const r of rows) {
    const own = bareLabel(ownLabel(r));
    if (!own) continue;
    if ((l.includes(own) || own.includes(l) && l.length >= 2) && (!best || own.length > best.len)) best = { row: r, len: own.length };
  }
  return best?.row;
}

/** The row's own label: t3's last path segment, t2's and t4's label. */
function ownLabel(r: RowInfo): string {
  const m = /([（(][一二三四五六七八九十]+[）)][^（(]*|\d+\.[^（(]*|[一二三四五六七八九十]+、[^（(]*)$/u.exec(r.label);
  return r.table === 't3' && m ? m[1]! : r.label.replace(/^行政诉讼（(.*)）$/u, '$1');
}

export interface CellWrite { readonly id: string; readonly value: string }
export interface RowRead { readonly row: RowInfo; readonly writes: readonly CellWrite[]; /** A stated total, checked later. */ readonly totals: readonly CellWrite[] }

export type GridResult =
  | { ok: true; rows: RowRead[] }
  | { ok: false; reason: 'width'; row: RowInfo; expected: readonly number[]; got: number }
  | { ok: false; reason: 'rows'; lines: number; rows: number }
  | { ok: false; reason: 'label'; label: string };

/**
 * Maps the lines onto rows of one table from `start` (a row, and the column the current question is at). Labelled
 * lines go to the row they name (a line of figures under a label the table lacks is refused; a group heading such as
 * 「（三）不予公开」 holds no figures and was never a line); unlabelled lines go to the rows in order. A row takes its asked cells from the start column, with or
 * without its computed total (then checked), or — typed at its first column — every cell.
 */
export function mapGrid(format: FormatId, table: TableId, lines: readonly GridLine[], start: { row: string; column?: string }): GridResult {
  const rows = tableRows(format, table);
  const from = Math.max(0, rows.findIndex((r) => r.id === start.row));
  const scope = rows.slice(from);
  const labelled = lines.some((l) => rowByLabel(l.label, rows));
  const out: RowRead[] = [];
  let next = 0;
  for (const line of lines) {
    let row: RowInfo | undefined;
    if (labelled && line.label) {
      row = rowByLabel(line.label, rows);
      // figures under a label the table does not have are not dropped quietly
      if (!row) return { ok: false, reason: 'label', label: line.label };
    } else {
      row = scope[next++];
      if (!row) return { ok: false, reason: 'rows', lines: lines.length, rows: scope.length };
    }
    const startCol = row.id === start.row && start.column ? Math.max(0, row.cells.findIndex((c) => c.column === start.column)) : 0;
    const cells = row.cells.slice(startCol);
    const asked = cells.filter((c) => !isComputed(format, c.id));
    let writes: CellWrite[] | undefined, totals: CellWrite[] = [];
    const n = line.values.length;
    if (n === asked.length) writes = asked.map((c, i) => ({ id: c.id, value: line.values[i]! }));
    else if (n === cells.length) {
      writes = [];
      cells.forEach((c, i) => (isComputed(format, c.id) ? totals : writes!).push({ id: c.id, value: line.values[i]! }));
    } else if (startCol > 0 && n === row.cells.length) {
      writes = [];
      row.cells.forEach((c, i) => (isComputed(format, c.id) ? totals : writes!).push({ id: c.id, value: line.values[i]! }));
    }
    if (!writes) {
      const expected = [...new Set([asked.length, cells.length])];
      return { ok: false, reason: 'width', row, expected, got: n };
    }
    out.push({ row, writes, totals });
  }
  if (!out.length) return { ok: false, reason: 'label', label: lines[0]?.label ?? '' };
  return { ok: true, rows: out };
}
