/**
 * The complete report as a Word document: A4, 宋体 body, 黑体 headings, the three tables as real Word tables whose
 * merged cells follow `tableGrids` (gridSpan across, vMerge restart/continue down). Browser-safe: the docx package
 * packs to an ArrayBuffer with no Node API.
 */
import {
  AlignmentType, BorderStyle, Document, Header, HeightRule, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow,
  TextRun, VerticalAlignTable, VerticalMergeType, WidthType, type IRunOptions,
} from 'docx';
import type { Draft } from '../draft.js';
import { tableGrids, type GridCell, type TableGrid } from '../formats/index.js';
import { DRAFT_MARK, reportModel, UNANSWERED, type ReportOptions, type ReportPart } from './model.js';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const HEADING_FONT = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体', cs: '黑体' };
const SUBHEADING_FONT = { ascii: '楷体', hAnsi: '楷体', eastAsia: '楷体', cs: '楷体' };

/** Half-points: 三号 16 pt body and headings, 二号 22 pt title, 小五 9 pt in tables. */
const SIZE = { body: 32, title: 44, table: 18 } as const;

/** A4 in twips, margins of the 公文 standard (GB/T 9704: 37/35/28/26 mm). */
const MM = 56.7;
const PAGE = { width: 11906, height: 16838, top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const LINE = { line: 560, lineRule: 'exact' as const }; // 28 pt: the usual 公文 line pitch for 三号

function run(text: string, extra: IRunOptions = {}): TextRun {
  return new TextRun({ text, font: BODY_FONT, size: SIZE.body, ...extra });
}

function bodyParagraph(text: string, extra: IRunOptions = {}): Paragraph {
  return new Paragraph({ children: [run(text, extra)], indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED });
}

function headingParagraph(text: string, font: typeof HEADING_FONT): Paragraph {
  return new Paragraph({ children: [run(text, { font })], indent: { firstLine: 640 }, spacing: LINE, keepNext: true });
}

function partParagraphs(p: ReportPart): Paragraph[] {
  const out: Paragraph[] = [];
  if (p.heading) out.push(headingParagraph(p.heading, SUBHEADING_FONT));
  if (p.paragraphs.length) out.push(...p.paragraphs.map((t) => bodyParagraph(t)));
  else out.push(bodyParagraph(UNANSWERED, { color: 'AA0000' }));
  return out;
}

/** Column widths in twips: label columns wider than number columns, summing to the text width. */
function columnWidths(grid: TableGrid): number[] {
  const firstValue = grid.rows.flat().filter((c) => c.role === 'value').reduce((m, c) => Math.min(m, c.col), grid.width);
  const weights = Array.from({ length: grid.width }, (_, c) => {
    if (c >= firstValue) return 1;
    // t3: two narrow group-label columns, then the row label column
    return c === firstValue - 1 ? (firstValue === 1 ? 2.2 : 3.2) : 0.9;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  widths[widths.length - 1]! += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

function cellParagraph(text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph {
  return new Paragraph({ alignment: align, children: text ? [new TextRun({ text, font: BODY_FONT, size: SIZE.table })] : [] });
}

/**
 * One Word table from a grid. Word has no rowspan: a cell spanning rows is written as a `vMerge restart` cell and a
 * `vMerge continue` cell (same gridSpan) in each row below it.
 */
function wordTable(grid: TableGrid, cells: Readonly<Record<string, string>>): Table {
  const widths = columnWidths(grid);
  const at: (GridCell | undefined)[][] = Array.from({ length: grid.height }, () => new Array<GridCell | undefined>(grid.width));
  for (const row of grid.rows) for (const c of row) {
    for (let i = 0; i < c.rowSpan; i++) for (let j = 0; j < c.colSpan; j++) at[c.row + i]![c.col + j] = c;
  }
  const rows: TableRow[] = [];
  for (let r = 0; r < grid.height; r++) {
    const children: TableCell[] = [];
    for (let col = 0; col < grid.width; ) {
      const c = at[r]![col];
      if (!c) throw new Error(`grid ${grid.table} has a hole at ${r},${col}`);
      const width = widths.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
      const common = {
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
      };
      if (c.row !== r) {
        children.push(new TableCell({ ...common, verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph({})] }));
      } else {
        const text = c.role === 'value' ? (cells[c.cellId!] ?? '').trim() : (c.text ?? '');
        const align = c.role === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER;
        children.push(new TableCell({
          ...common,
          ...(c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          children: [cellParagraph(text, align)],
        }));
      }
      col = c.col + c.colSpan;
    }
    rows.push(new TableRow({
      children,
      cantSplit: true,
      tableHeader: r < grid.headerRows,
      height: { value: 340, rule: HeightRule.ATLEAST },
    }));
  }
  return new Table({
    rows, columnWidths: widths, layout: TableLayoutType.FIXED, borders: BORDERS,
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, alignment: AlignmentType.CENTER,
  });
}

/** The report as a .docx file. */
export async function renderReportDocx(draft: Draft, options: ReportOptions = {}): Promise<Uint8Array> {
  const m = reportModel(draft, options);
  const grids = tableGrids(m.format);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 560 },
      children: [new TextRun({ text: m.title, font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体', cs: '宋体' }, size: SIZE.title, bold: true })],
    }),
    ...partParagraphs(m.preamble),
  ];
  for (const s of m.sections) {
    children.push(headingParagraph(s.heading, HEADING_FONT));
    if (s.kind === 'table') {
      children.push(wordTable(grids[s.table], draft.cells), new Paragraph({ spacing: { after: 120 }, children: [] }));
    } else {
      for (const p of s.parts) children.push(...partParagraphs(p));
    }
  }
  const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [run(text)] });
  children.push(new Paragraph({ spacing: LINE, children: [] }), right(m.signature.agency));
  if (m.signature.date) children.push(right(m.signature.date));

  // A draft says so at the top of every page (the header repeats on each), in red, and in its title.
  const headers = m.draft
    ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(DRAFT_MARK, { color: 'C00000', bold: true, size: 28 })] })] }) }
    : undefined;
  if (m.draft) children.splice(1, 0, new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 280 }, children: [run(`（${DRAFT_MARK}）`, { color: 'C00000', bold: true })] }));
  const doc = new Document({
    title: m.draft ? `${m.title}（草稿）` : m.title,
    creator: m.signature.agency || 'nianbao',
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
        },
      },
      ...(headers ? { headers } : {}),
      children,
    }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
