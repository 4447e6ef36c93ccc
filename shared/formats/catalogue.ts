/** Every cell of a format, derived once from the format data: id, table, row, column, kind and labels. */
import type { CellKind, FormatDef, TableId } from './types.js';

export interface CellDef {
  /** `table.row.column`, e.g. `t3.denied.law.natural` */
  readonly id: string;
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
  readonly kind: CellKind;
  /** Full row label as printed, merged group labels included: 「三、本年度办理结果（七）总计」 */
  readonly rowLabel: string;
  readonly columnLabel: string;
  /** Row and column label together, as messages name a cell: 「三、本年度办理结果（七）总计·自然人」 */
  readonly label: string;
  /** For t2 the block caption 「第二十条第（一）项」; for t4 「行政复议」 or 「行政诉讼」. */
  readonly block?: string;
}

export interface RowInfo {
  readonly table: TableId;
  readonly id: string;
  readonly label: string;
  readonly cells: readonly CellDef[];
}

export interface FormatCatalogue {
  readonly cells: readonly CellDef[];
  readonly byId: ReadonlyMap<string, CellDef>;
  readonly rows: readonly RowInfo[];
  readonly tables: Readonly<Record<TableId, readonly CellDef[]>>;
}

const cell = (
  table: TableId, row: string, column: string, kind: CellKind,
  rowLabel: string, columnLabel: string, block?: string,
): CellDef => ({
  id: `${table}.${row}.${column}`, table, row, column, kind, rowLabel, columnLabel,
  label: `${rowLabel}·${columnLabel}`, ...(block ? { block } : {}),
});

export function buildCatalogue(f: FormatDef): FormatCatalogue {
  const rows: RowInfo[] = [];
  for (const block of f.t2.blocks) {
    for (const r of block.rows) {
      rows.push({
        table: 't2', id: r.id, label: r.label,
        cells: block.columns.map((c) => cell('t2', r.id, c.id, c.kind ?? 'count', r.label, c.label, block.caption)),
      });
    }
  }
  for (const r of f.t3.rows) {
    const label = r.path.join('');
    rows.push({ table: 't3', id: r.id, label, cells: f.t3.columns.map((c) => cell('t3', r.id, c.id, 'count', label, c.label)) });
  }
  for (const g of f.t4.groups) {
    const block = g.id === 'review' ? '行政复议' : '行政诉讼';
    const label = g.id === 'review' ? g.label : `${block}（${g.label}）`;
    rows.push({ table: 't4', id: g.id, label, cells: f.t4.columns.map((c) => cell('t4', g.id, c.id, 'count', label, c.label, block)) });
  }
  const cells = rows.flatMap((r) => r.cells);
  return {
    cells,
    byId: new Map(cells.map((c) => [c.id, c])),
    rows,
    tables: {
      t2: cells.filter((c) => c.table === 't2'),
      t3: cells.filter((c) => c.table === 't3'),
      t4: cells.filter((c) => c.table === 't4'),
    },
  };
}
