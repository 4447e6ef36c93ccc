/** The shapes every official format is written in. The data lives in format-2019.ts / format-2021.ts. */

export type FormatId = '2019' | '2021';
export type TableId = 't2' | 't3' | 't4';

/** count: integer ≥ 0 · delta: signed integer · amount: decimal ≥ 0 */
export type CellKind = 'count' | 'delta' | 'amount';

export interface ColumnDef {
  readonly id: string;
  readonly label: string;
  readonly kind?: CellKind;
}

export interface RowDef {
  readonly id: string;
  /** Label segments from the outermost merged group label to the row's own label. */
  readonly path: readonly string[];
  /** Counted in 「（七）总计」 (t3 outcome rows). */
  readonly outcome?: boolean;
}

/** A header cell: literal text or a reference to a column's label (so labels exist once). */
export type HeaderCellDef =
  | { readonly text: string; readonly rowSpan?: number; readonly colSpan?: number }
  | { readonly column: string; readonly group?: string; readonly rowSpan?: number; readonly colSpan?: number };

export interface T2BlockDef {
  /** 「第二十条第（一）项」 */
  readonly caption: string;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly { readonly id: string; readonly label: string }[];
}

export interface T2Def {
  readonly id: 't2';
  readonly title: string;
  /** Header of the first column of every block. */
  readonly contentHeader: string;
  readonly blocks: readonly T2BlockDef[];
}

export interface T3Def {
  readonly id: 't3';
  readonly title: string;
  /** The 勾稽关系 note printed in the top-left merged header cell. */
  readonly note: string;
  readonly header: readonly (readonly HeaderCellDef[])[];
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
  /**
   * Groups of rows that reports also print as the one row of the other format (2021's three rows of （六）其他处理
   * written as 2019's single row): the importer reads that row as the other format's row and says so (format.mixed).
   */
  readonly oneRowForms?: readonly T3OneRowForm[];
}

export interface T3OneRowForm {
  /** The group label of the rows (「（六）其他处理」). */
  readonly group: string;
  /** Ids of this format's rows under the group. */
  readonly rows: readonly string[];
  /** The other format's row the one printed row is. */
  readonly readAs: { readonly format: FormatId; readonly row: string };
}

export interface T4Def {
  readonly id: 't4';
  readonly title: string;
  readonly header: readonly (readonly HeaderCellDef[])[];
  /** SPEC calls the three groups "rows": review, suit-direct, suit-after-review. */
  readonly groups: readonly { readonly id: string; readonly label: string }[];
  readonly columns: readonly ColumnDef[];
}

export interface SectionDef {
  readonly id: 'overview' | 'proactive' | 'requests' | 'review' | 'problems' | 'other';
  readonly heading: string;
}

export type AgencyLevel = 'department' | 'government';

export interface NarrativePartDef {
  readonly id: string;
  readonly section: SectionDef['id'] | 'preamble';
  /** The sub-heading the part usually carries in a report, e.g. 「（一）主动公开情况」. */
  readonly heading?: string;
  /** What the format asks for (shown to the clerk). */
  readonly asks: string;
  /** A short sample answer. */
  readonly example: string;
  /** Only for government-level reports. */
  readonly level?: AgencyLevel;
  /** An answer of 「无」 is acceptable. */
  readonly mayBeNone?: boolean;
  /** Required in the report (narrative.missing-part / narrative.empty look at these). */
  readonly required?: boolean;
}

export interface FormatDef {
  readonly id: FormatId;
  readonly notice: string;
  readonly title: string;
  readonly years: { readonly from: number; readonly to?: number };
  readonly sections: readonly SectionDef[];
  readonly t2: T2Def;
  readonly t3: T3Def;
  readonly t4: T4Def;
  readonly narrative: readonly NarrativePartDef[];
}
