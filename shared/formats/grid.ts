/**
 * The official drawing of each table as a grid of positioned cells with their merges: the one plan that the
 * HTML/Markdown/docx renderers and the spreadsheet layouts all draw from.
 */
import type { FormatDef, HeaderCellDef, TableId } from './types.js';

export type GridCellRole = 'caption' | 'header' | 'note' | 'label' | 'value';

export interface GridCell {
  readonly role: GridCellRole;
  /** 0-based position of the top-left corner within the table. */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Text of a caption/header/note/label cell. */
  readonly text?: string;
  /** Cell id of a value cell. */
  readonly cellId?: string;
}

export interface TableGrid {
  readonly table: TableId;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** Rows of the grid; each lists the cells whose top-left corner is on that row (as HTML does). */
  readonly rows: readonly (readonly GridCell[])[];
  /** Number of leading rows that form the column header (t3, t4). t2 repeats its header per block. */
  readonly headerRows: number;
}

/** Places header rows as an HTML table would: each cell goes to the next column not covered by a rowspan above. */
function placeHeader(
  header: readonly (readonly HeaderCellDef[])[],
  label: (c: HeaderCellDef) => string,
  width: number,
  firstCol = 0,
): GridCell[][] {
  const taken = new Set<string>();
  return header.map((cells, r) => {
    let c = firstCol;
    return cells.map((h) => {
      while (taken.has(`${r},${c}`)) c++;
      const rowSpan = h.rowSpan ?? 1;
      const colSpan = h.colSpan ?? 1;
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) taken.add(`${r + i},${c + j}`);
      const isNote = 'text' in h && r === 0 && c === 0 && rowSpan > 1;
      const cell: GridCell = { role: isNote ? 'note' : 'header', row: r, col: c, rowSpan, colSpan, text: label(h) };
      c += colSpan;
      if (c > width) throw new Error(`header row ${r} is wider than ${width}`);
      return cell;
    });
  });
}

function t2Grid(f: FormatDef): TableGrid {
  const width = 1 + Math.max(...f.t2.blocks.map((b) => b.columns.length));
  const rows: GridCell[][] = [];
  for (const block of f.t2.blocks) {
    rows.push([{ role: 'caption', row: rows.length, col: 0, rowSpan: 1, colSpan: width, text: block.caption }]);
    const span = (i: number) => (i === block.columns.length - 1 ? width - 1 - i : 1);
    const r = rows.length;
    rows.push([
      { role: 'header', row: r, col: 0, rowSpan: 1, colSpan: 1, text: f.t2.contentHeader },
      ...block.columns.map((c, i): GridCell => ({ role: 'header', row: r, col: 1 + i, rowSpan: 1, colSpan: span(i), text: c.label })),
    ]);
    for (const row of block.rows) {
      const rr = rows.length;
      rows.push([
        { role: 'label', row: rr, col: 0, rowSpan: 1, colSpan: 1, text: row.label },
        ...block.columns.map((c, i): GridCell => ({ role: 'value', row: rr, col: 1 + i, rowSpan: 1, colSpan: span(i), cellId: `t2.${row.id}.${c.id}` })),
      ]);
    }
  }
  return { table: 't2', title: f.t2.title, width, height: rows.length, rows, headerRows: 0 };
}

function t3Grid(f: FormatDef): TableGrid {
  const t3 = f.t3;
  const labelWidth = Math.max(...t3.rows.map((r) => r.path.length));
  const width = labelWidth + t3.columns.length;
  const columnLabel = (h: HeaderCellDef) => ('text' in h ? h.text : t3.columns.find((c) => c.id === h.column)!.label);
  const rows: GridCell[][] = placeHeader(t3.header, columnLabel, width);
  const headerRows = rows.length;
  const samePrefix = (a: readonly string[], b: readonly string[], k: number) =>
    a.length > k + 1 && b.length > k + 1 && a.slice(0, k + 1).every((s, i) => s === b[i]);
  t3.rows.forEach((row, i) => {
    const r = headerRows + i;
    const cells: GridCell[] = [];
    row.path.forEach((text, k) => {
      const last = k === row.path.length - 1;
      if (!last && i > 0 && samePrefix(row.path, t3.rows[i - 1]!.path, k)) return; // covered by the merge above
      let rowSpan = 1;
      if (!last) while (i + rowSpan < t3.rows.length && samePrefix(row.path, t3.rows[i + rowSpan]!.path, k)) rowSpan++;
      cells.push({ role: 'label', row: r, col: k, rowSpan, colSpan: last ? labelWidth - k : 1, text });
    });
    t3.columns.forEach((c, j) => cells.push({ role: 'value', row: r, col: labelWidth + j, rowSpan: 1, colSpan: 1, cellId: `t3.${row.id}.${c.id}` }));
    rows.push(cells);
  });
  return { table: 't3', title: t3.title, width, height: rows.length, rows, headerRows };
}

function t4Grid(f: FormatDef): TableGrid {
  const t4 = f.t4;
  const width = t4.groups.length * t4.columns.length;
  const label = (h: HeaderCellDef) => ('text' in h ? h.text : t4.columns.find((c) => c.id === h.column)!.label);
  const rows: GridCell[][] = placeHeader(t4.header, label, width);
  const headerRows = rows.length;
  rows.push(t4.groups.flatMap((g, gi) => t4.columns.map((c, ci): GridCell => ({
    role: 'value', row: headerRows, col: gi * t4.columns.length + ci, rowSpan: 1, colSpan: 1, cellId: `t4.${g.id}.${c.id}`,
  }))));
  return { table: 't4', title: t4.title, width, height: rows.length, rows, headerRows };
}

export function buildGrids(f: FormatDef): Readonly<Record<TableId, TableGrid>> {
  return { t2: t2Grid(f), t3: t3Grid(f), t4: t4Grid(f) };
}
