/** The three tables of a draft in the official layout: HTML with merged cells, and Markdown. */
import type { Draft } from '../draft.js';
import { draftFormat } from '../draft-format.js';
import { tableGrids, TABLE_IDS, type FormatId, type GridCell, type TableGrid, type TableId } from '../formats/index.js';
import type { Finding, Severity } from '../rules/catalogue.js';
import { escapeHtml, escapeMarkdownCell } from './escape.js';

export type TablesSource = Pick<Draft, 'year' | 'format' | 'cells'>;

export interface TableRenderOptions {
  /** Findings whose cells are marked (class `nb-error` / `nb-warning` / `nb-info`, messages as a tooltip). */
  readonly findings?: readonly Finding[];
  /** Which tables, in order; default all three. */
  readonly tables?: readonly TableId[];
  /** Print each table's section heading before it (default true). */
  readonly headings?: boolean;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

interface Mark { severity: Severity; messages: string[] }

function marksOf(findings: readonly Finding[] = []): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const f of findings) {
    // A sum finding marks its total cell (the first); a cell finding marks its cell.
    const id = f.cells[0];
    if (!id) continue;
    const m = marks.get(id);
    if (!m) marks.set(id, { severity: f.severity, messages: [f.message] });
    else {
      if (RANK[f.severity] > RANK[m.severity]) m.severity = f.severity;
      m.messages.push(f.message);
    }
  }
  return marks;
}

function formatOf(src: TablesSource): FormatId {
  const f = draftFormat(src);
  if (!f) throw new RangeError(`${src.year} 年度没有适用的年报格式`);
  return f;
}

function htmlCell(c: GridCell, src: TablesSource, marks: Map<string, Mark>, header: boolean): string {
  const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
  if (c.role === 'value') {
    const id = c.cellId!;
    const m = marks.get(id);
    const cls = m ? ` class="nb-value nb-${m.severity}"` : ' class="nb-value"';
    const title = m ? ` title="${escapeHtml(m.messages.join('\n'))}"` : '';
    return `<td${span}${cls} data-cell="${id}"${title}>${escapeHtml(src.cells[id] ?? '')}</td>`;
  }
  const tag = header || c.role === 'header' || c.role === 'caption' ? 'th' : 'td';
  return `<${tag}${span} class="nb-${c.role}">${escapeHtml(c.text ?? '')}</${tag}>`;
}

function tableHtml(grid: TableGrid, src: TablesSource, marks: Map<string, Mark>): string {
  const head = grid.rows.slice(0, grid.headerRows).map((r) => `<tr>${r.map((c) => htmlCell(c, src, marks, true)).join('')}</tr>`);
  const body = grid.rows.slice(grid.headerRows).map((r) => `<tr>${r.map((c) => htmlCell(c, src, marks, false)).join('')}</tr>`);
  return `<table class="nb-table nb-${grid.table}" data-table="${grid.table}">${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${body.join('')}</tbody></table>`;
}

/** The tables as HTML fragments (`<h2>` + `<table>`), merged headers as rowspan/colspan. User text is escaped. */
export function renderTablesHtml(src: TablesSource, options: TableRenderOptions = {}): string {
  const grids = tableGrids(formatOf(src));
  const marks = marksOf(options.findings);
  return (options.tables ?? TABLE_IDS)
    .map((t) => `${options.headings === false ? '' : `<h2>${escapeHtml(grids[t].title)}</h2>\n`}${tableHtml(grids[t], src, marks)}`)
    .join('\n');
}

/** Every position of the grid → the cell covering it. */
function coverage(grid: TableGrid): (GridCell | undefined)[][] {
  const m: (GridCell | undefined)[][] = Array.from({ length: grid.height }, () => new Array<GridCell | undefined>(grid.width));
  for (const row of grid.rows) {
    for (const c of row) {
      for (let i = 0; i < c.rowSpan; i++) for (let j = 0; j < c.colSpan; j++) m[c.row + i]![c.col + j] = c;
    }
  }
  return m;
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * Markdown has no merged cells: each body row is led by its labels joined (the merged group labels included) and
 * each column is headed by its header texts joined with 「·」. t2 prints one small table per block, as printed.
 */
function tableMarkdown(grid: TableGrid, src: TablesSource): string {
  const m = coverage(grid);
  const valueText = (c: GridCell) => src.cells[c.cellId!] ?? '';
  const uniqueJoin = (cells: (GridCell | undefined)[], sep: string) =>
    cells.filter((c, i, a): c is GridCell => !!c && a.indexOf(c) === i && !!c.text).map((c) => c.text!).join(sep);
  if (grid.headerRows === 0) {
    // t2: caption row, header row, value rows, repeated per block
    const parts: string[] = [];
    for (let r = 0; r < grid.height; ) {
      const caption = m[r]![0]!.text!;
      const header = uniqueJoin(m[r + 1]!, '\u0000').split('\u0000');
      const rows: string[][] = [];
      for (r += 2; r < grid.height && m[r]![0]!.role === 'label'; r++) {
        const cells = m[r]!.filter((c, i, a) => a.indexOf(c) === i);
        rows.push(cells.map((c) => (c!.role === 'value' ? valueText(c!) : c!.text!)));
      }
      parts.push(`**${caption}**\n\n${markdownTable(header, rows)}`);
    }
    return parts.join('\n\n');
  }
  const firstValueCol = grid.rows[grid.headerRows]!.find((c) => c.role === 'value')!.col;
  const header = [
    ...(firstValueCol > 0 ? [uniqueJoin(m.slice(0, grid.headerRows).map((r) => r[0]), '')] : []),
    ...Array.from({ length: grid.width - firstValueCol }, (_, j) =>
      uniqueJoin(m.slice(0, grid.headerRows).map((r) => r[firstValueCol + j]), '·')),
  ];
  const rows = m.slice(grid.headerRows).map((r) => [
    ...(firstValueCol > 0 ? [uniqueJoin(r.slice(0, firstValueCol), '')] : []),
    ...r.slice(firstValueCol).map((c) => valueText(c!)),
  ]);
  return markdownTable(header, rows);
}

/** The tables as Markdown, each under its section heading. */
export function renderTablesMarkdown(src: TablesSource, options: Pick<TableRenderOptions, 'tables' | 'headings'> = {}): string {
  const grids = tableGrids(formatOf(src));
  return (options.tables ?? TABLE_IDS)
    .map((t) => `${options.headings === false ? '' : `## ${grids[t].title}\n\n`}${tableMarkdown(grids[t], src)}`)
    .join('\n\n');
}
