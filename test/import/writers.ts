/**
 * Writes a draft out as a published report would look in each text layout seen in the wild, from the official
 * grid plan (tableGrids): one cell per line, tab-separated, ` | `-separated, `pdftotext -layout` (aligned columns,
 * wrapped labels, page numbers and a page break inside t3), crawler text (cells run together), crawled one cell per
 * line ending in ` |` (blank cells as a line `|`, rows opened by `|`, trailing blanks collapsed into `||||`) and
 * Markdown as PDF converters write it (pipe tables broken by a page break and a running head, labels spilling into
 * the next row). Variants: t4 printed as three labelled rows, t4 as three blocks one under another (the template's
 * workbook printed on narrow paper), an extra row the format does not have.
 */
import { catalogue, FORMATS, narrativeParts, tableGrids, type Draft, type FormatId, type GridCell, type TableId } from '../../shared/index.js';

export type Layout = 'line' | 'tab' | 'pipe' | 'layout' | 'crawl' | 'crawl-pipe' | 'markdown';
export const TEXT_LAYOUTS: readonly Layout[] = ['line', 'tab', 'pipe', 'layout', 'crawl'];
/** Layouts whose every cell, blank ones included, reads back exactly. */
export const EXACT_LAYOUTS: readonly Layout[] = ['line', 'tab', 'pipe', 'crawl-pipe', 'markdown'];

export interface WriteOptions {
  /** t4 as three labelled rows (行政复议 / 未经复议直接起诉 / 复议后起诉) of five numbers under one header row. */
  readonly t4Rows?: boolean;
  /**
   * t4 as three blocks one under another, as the template's workbook prints: each its caption (行政复议, or 行政诉讼
   * and the group's label), the five column headers and its five numbers.
   */
  readonly t4Stacked?: boolean;
  /** A labelled row the format does not have, after the last row of t2's first block and of t3's （五）. */
  readonly extraRow?: boolean;
}

/** The extra rows written by `extraRow`, by table: label and numbers. */
export const EXTRA_ROWS: Record<'t2' | 't3', { label: string; after: (f: FormatId) => string; values: (width: number) => string[] }> = {
  t2: { label: '其他主动公开文件', after: (f) => FORMATS[f].t2.blocks[0]!.rows.at(-1)!.label, values: (w) => Array.from({ length: w }, (_, i) => String(7 + i)) },
  t3: { label: '6.其他不予处理情形', after: () => '5.要求行政机关确认或重新出具已获取信息', values: (w) => Array.from({ length: w }, (_, i) => String(i === w - 1 ? 3 * (w - 1) : 3)) },
};

interface Cell {
  readonly text: string;
  readonly value: boolean;
  readonly col: number;
  readonly colSpan: number;
}

/**
 * A draft whose （六）其他处理 is one row (the 2019 cell ids `t3.other.*` in a 2021 draft, as hongze prints it) is
 * written with the 2019 t3 grid, whose rows and header are otherwise the same.
 */
function gridOf(d: Draft, table: TableId) {
  const format = d.format as FormatId;
  const oneOtherRow = table === 't3' && format === '2021' && 't3.other.natural' in d.cells;
  return tableGrids(oneOtherRow ? '2019' : format)[table];
}

/** Grid rows as printed: the cells whose top-left corner is on the row (covered cells are not written). */
function gridRows(d: Draft, table: TableId, options: WriteOptions): { rows: Cell[][]; width: number } {
  const grid = gridOf(d, table);
  const cell = (c: GridCell): Cell => ({
    text: c.role === 'value' ? d.cells[c.cellId!] ?? '' : c.text ?? '', value: c.role === 'value', col: c.col, colSpan: c.colSpan,
  });
  let rows = grid.rows.map((r) => r.map(cell));
  if (table === 't4' && options.t4Rows) {
    const f = FORMATS[d.format as FormatId].t4;
    rows = [
      [{ text: '类别', value: false, col: 0, colSpan: 1 }, ...f.columns.map((c, i) => ({ text: c.label, value: false, col: 1 + i, colSpan: 1 }))],
      ...f.groups.map((g) => [
        { text: g.label, value: false, col: 0, colSpan: 1 },
        ...f.columns.map((c, i) => ({ text: d.cells[`t4.${g.id}.${c.id}`] ?? '', value: true, col: 1 + i, colSpan: 1 })),
      ]),
    ];
    return { rows, width: 1 + f.columns.length };
  }
  if (table === 't4' && options.t4Stacked) {
    const f = FORMATS[d.format as FormatId].t4;
    const blockOf = new Map(catalogue(d.format as FormatId).tables.t4.map((c) => [c.row, c.block]));
    const line = (text: string): Cell[] => [{ text, value: false, col: 0, colSpan: f.columns.length }];
    rows = f.groups.flatMap((g) => [
      ...(blockOf.get(g.id) && blockOf.get(g.id) !== g.label ? [line(blockOf.get(g.id)!)] : []),
      line(g.label),
      f.columns.map((c, i) => ({ text: c.label, value: false, col: i, colSpan: 1 })),
      f.columns.map((c, i) => ({ text: d.cells[`t4.${g.id}.${c.id}`] ?? '', value: true, col: i, colSpan: 1 })),
    ]);
    return { rows, width: f.columns.length };
  }
  if (options.extraRow && table !== 't4') {
    const x = EXTRA_ROWS[table];
    const at = rows.findIndex((r) => r.some((c) => c.text === x.after(d.format as FormatId)));
    const after = rows[at]!;
    const values = after.filter((c) => c.value);
    const labelCell = after.find((c) => c.text === x.after(d.format as FormatId))!;
    const texts = x.values(values.length);
    rows.splice(at + 1, 0, [{ ...labelCell, text: x.label }, ...values.map((c, i) => ({ ...c, text: texts[i]! }))]);
  }
  return { rows, width: grid.width };
}

function wrap(label: string, width: number): [string, string] {
  return label.length > width ? [label.slice(0, width), label.slice(width)] : [label, ''];
}

/** Every grid position of a row: covered positions (merges) are blank. */
function fullRow(r: readonly Cell[], width: number): string[] {
  const out = Array.from({ length: width }, () => '');
  for (const c of r) out[c.col] = c.text;
  return out;
}

/** Crawled: one cell per line ending in ` |`; a blank cell is a line `|`; blank cells at a row's end collapse
 *  onto its last written cell (`5 ||||`), a merge's covered columns count as blank; every third row opens with `|`. */
function crawlPipe(rows: readonly Cell[][]): string {
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (i % 3 === 1) out.push('|');
    const texts: string[] = [];
    for (const c of r) texts.push(c.text, ...Array.from({ length: c.colSpan - 1 }, () => ''));
    // Columns beyond the row's own cells at the right (t3's label merges) are not written at all.
    let last = texts.length - 1;
    while (last > 0 && texts[last] === '') last--;
    const trailing = texts.length - 1 - last;
    texts.slice(0, last + 1).forEach((t, k) => out.push(t === '' ? '|' : `${t} ${'|'.repeat(k === last ? 1 + trailing : 1)}`));
  });
  return out.join('\n');
}

/** A Markdown pipe row; `|` in a cell escaped. */
const mdRow = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

/**
 * Markdown as a PDF converter writes it: each table a pipe table under its first row, full width (merged positions
 * blank); a label longer than 20 characters spills its tail into a row of its own below (all other cells empty);
 * in t3 a page break after the tenth row: a page-number comment, a running head and the table started again.
 */
function markdown(d: Draft, t: TableId, rows: readonly Cell[][], width: number): string {
  const rule = mdRow(Array.from({ length: width }, () => '---'));
  const out: string[] = [];
  rows.forEach((r, i) => {
    const cells = fullRow(r, width);
    const spill = Array.from({ length: width }, () => '');
    let spilled = false;
    cells.forEach((c, k) => {
      if (r.find((x) => x.col === k)?.value || c.length <= 20) return;
      const [head, tail] = wrap(c, 20);
      cells[k] = head;
      spill[k] = tail;
      spilled = true;
    });
    out.push(mdRow(cells));
    // The first row is the table's header; after the page break the converter starts a new table whose header is
    // the first row of the new page.
    if (i === 0 || (t === 't3' && i === 11)) out.push(rule);
    if (spilled) out.push(mdRow(spill));
    if (t === 't3' && i === 10) out.push('', '<!-- 第 3 页 -->', '', `## ${d.agency.name}${d.year}年政府信息公开工作年度报告`, '');
  });
  return out.join('\n');
}

function table(d: Draft, t: TableId, layout: Layout, options: WriteOptions): string {
  const { rows: cellRows, width } = gridRows(d, t, options);
  const rows = cellRows.map((r) => r.map((c) => c.text));
  switch (layout) {
    case 'line':
      return rows.map((r) => r.map((c) => `\t${c}`).join('\n')).join('\n\n');
    case 'tab':
      return rows.map((r) => r.join('\t')).join('\n');
    case 'pipe':
      return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
    case 'crawl':
      return rows.map((r) => r.join('')).join('');
    case 'crawl-pipe':
      return crawlPipe(cellRows);
    case 'markdown':
      return markdown(d, t, cellRows, width);
    case 'layout': {
      const out: string[] = [];
      rows.forEach((r, i) => {
        // Labels longer than 14 characters wrap: the first part above the numbers, the rest below.
        const tails: string[] = [];
        const cells = r.map((c) => {
          if (/^[\d.+-]*$/.test(c)) return c.padStart(8);
          const [head, tail] = wrap(c, 14);
          if (tail) tails.push(tail);
          return head.padEnd(16, ' ');
        });
        out.push(`   ${cells.join('   ')}`);
        if (tails.length) out.push(`   ${tails.join('   ')}`);
        if (t === 't3' && i === 10) out.push('', '                         -3-', '\f');
      });
      return out.join('\n');
    }
    default:
      throw new Error(layout satisfies never);
  }
}

/** The whole report: title, preamble, the six sections with the official headings, tables in the layout. */
export function writeReport(d: Draft, layout: Layout, options: WriteOptions = {}): string {
  const format = d.format as FormatId;
  const parts = narrativeParts(format, d.agency.level ?? 'department');
  const md = layout === 'markdown';
  const out: string[] = [`${md ? '# ' : ''}${d.agency.name}${d.year}年政府信息公开工作年度报告`, d.narrative.preamble ?? ''];
  const tableOf: Record<string, TableId> = { proactive: 't2', requests: 't3', review: 't4' };
  for (const s of FORMATS[format].sections) {
    out.push(md ? `## ${s.heading}` : s.heading);
    const t = tableOf[s.id];
    if (t) {
      out.push(md ? `\n${table(d, t, layout, options)}\n` : table(d, t, layout, options));
      continue;
    }
    for (const p of parts.filter((x) => x.section === s.id)) {
      const text = d.narrative[p.id];
      if (!text) continue;
      if (p.heading) out.push(`${md ? '**' : ''}${p.heading}${md ? '**' : ''}情况。${text.split('\n')[0]}`, ...text.split('\n').slice(1));
      else out.push(text);
    }
  }
  const text = out.join('\n');
  return layout === 'layout' ? text.replace(/^(?=[一二三四五六]、|（)/gmu, '   ') : text;
}
