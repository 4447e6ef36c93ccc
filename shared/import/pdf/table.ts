/**
 * Table blocks of a report's lines and their rows: runs of lines holding figures, their value columns (the x-ranges
 * the figures occupy, or the header's columns where a column is blank in every row), and each row as label cells
 * then one cell per column, tab-separated — so every figure lands in its own cell and two never run together.
 */
import { append, isValueLine, overlapsX, type Frag, type Line } from './lines.js';

export interface Block {
  lines: Line[];
  columns: { x0: number; x1: number }[];
}

/**
 * Table blocks: runs of lines holding figures, with at most a few label lines between figure lines. A line of
 * several text cells and no figure (a header) or a full-width paragraph ends a block.
 */
export function blocks(lines: readonly Line[], textWidth: number): Map<Line, Block> {
  const of = new Map<Line, Block>();
  let i = 0;
  while (i < lines.length) {
    if (!isValueLine(lines[i]!)) {
      i++;
      continue;
    }
    // Extend back over label lines directly above the first figure line (a centred wrapped label's first lines).
    const members: Line[] = [lines[i]!];
    // Where the figures start: text reaching past it on a line without figures is a header over the columns.
    let figuresFrom = firstFigure(lines[i]!);
    for (let b = i - 1; b >= 0 && members.length < 4; b--) {
      const l = lines[b]!;
      // (on the same page: tops of two pages are not comparable, and a label does not wrap across a page break)
      if (of.has(l) || l.page !== members[0]!.page || l.frags.length > 1 || l.x1 - l.x0 > textWidth * 0.8) break;
      if (members[0]!.top - l.bottom > 0.8 * Math.max(l.size, members[0]!.size)) break;
      members.unshift(l);
    }
    const start = i - (members.length - 1);
    let j = i + 1, pending: Line[] = [];
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (isValueLine(l)) {
        members.push(...pending, l);
        pending = [];
        figuresFrom = Math.min(figuresFrom, firstFigure(l));
        continue;
      }
      const header = l.frags.some((f) => f.x1 > figuresFrom + 1);
      const paragraph = l.x1 - l.x0 > textWidth * 0.8 && l.frags.length === 1;
      if (header || paragraph || pending.length >= 4) break;
      pending.push(l);
    }
    // Label lines right under the last row (its label wrapped past the figures) belong to the table too.
    for (const l of pending) {
      const above = members[members.length - 1]!;
      if (l.page !== above.page || l.top - above.bottom > 0.8 * Math.max(l.size, above.size) || l.frags.some((f) => f.x1 > figuresFrom + 1)) break;
      members.push(l);
    }
    const block: Block = { lines: members, columns: headerColumns(lines[start - 1], members) ?? valueColumns(members) };
    for (const l of members) of.set(l, block);
    i = start + members.length;
  }
  return of;
}

/**
 * The columns of the header line right above a block, when it names more columns than the figures fill (a column
 * left blank in every row): each header cell's column reaches halfway to its neighbours'. Used only when every
 * figure column falls under a header cell of its own, so the header can only add columns, never merge two.
 */
function headerColumns(head: Line | undefined, members: readonly Line[]): { x0: number; x1: number }[] | undefined {
  const figures = valueColumns(members);
  const top = members[0]!;
  if (!head || !figures.length || isValueLine(head) || head.page !== top.page || top.top - head.bottom > 3 * top.size) return undefined;
  const labelEdge = Math.max(figures[0]!.x0 - top.size, ...members.flatMap((l) => l.frags.filter((f) => !f.value && f.x1 <= figures[0]!.x0 + 1).map((f) => f.x1)));
  const cells = head.frags.filter((f) => (f.x0 + f.x1) / 2 > labelEdge);
  if (cells.length <= figures.length) return undefined;
  const centres = cells.map((f) => (f.x0 + f.x1) / 2);
  const cols = centres.map((c, k) => ({
    x0: k === 0 ? Math.min(cells[0]!.x0, figures[0]!.x0) : (centres[k - 1]! + c) / 2,
    x1: k === centres.length - 1 ? Infinity : (c + centres[k + 1]!) / 2,
  }));
  const under = figures.map((f) => cols.findIndex((c) => (f.x0 + f.x1) / 2 >= c.x0 && (f.x0 + f.x1) / 2 < c.x1));
  if (under.some((k) => k < 0) || new Set(under).size !== under.length) return undefined;
  return cols;
}

/** Left edge of a figure line's first figure (its first fragment is a label unless all are figures). */
function firstFigure(l: Line): number {
  const all = l.frags.every((f) => f.value);
  return Math.min(...l.frags.filter((f, k) => f.value && (k > 0 || all)).map((f) => f.x0));
}

/** The x-ranges of a block's figures, merged where they overlap: one range per column. */
function valueColumns(lines: readonly Line[]): { x0: number; x1: number }[] {
  const spans: { x0: number; x1: number }[] = [];
  for (const l of lines) {
    if (!isValueLine(l)) continue;
    l.frags.forEach((f, k) => {
      // A line's first fragment is its label even when it looks like a figure, unless all of the line is figures.
      if (f.value && (k > 0 || l.frags.every((g) => g.value))) spans.push({ x0: f.x0, x1: f.x1 });
    });
  }
  spans.sort((a, b) => a.x0 - b.x0);
  const cols: { x0: number; x1: number }[] = [];
  for (const s of spans) {
    const last = cols[cols.length - 1];
    if (last && s.x0 < last.x1 - 0.5) last.x1 = Math.max(last.x1, s.x1);
    else cols.push({ ...s });
  }
  return cols;
}

/** The start of a label of its own (a continuation never starts so): 「（三」 of a narrow 「（三）不予公开」 too. */
const LABEL_START = /^(?:[（(][一二三四五六七八九十\d]|[一二三四五六七八九十]+、|\d{1,2}\s*[.、．]|第[一二三四五六七八九十]+条)/u;

interface Piece {
  frag: Frag;
  line: Line;
  /** The rightmost label text of a line with figures: that row's own label. */
  rowLabel: boolean;
  /** Label text with more label text to its right on its line: part of a group label (a merged cell). */
  group: boolean;
}

interface Chain {
  pieces: Piece[];
  row?: Line;
}

const chainText = (c: Chain) => c.pieces.reduce((t, p) => append(t, p.frag.text), '');
const chainTop = (c: Chain) => Math.min(...c.pieces.map((p) => p.frag.top));
const chainBottom = (c: Chain) => Math.max(...c.pieces.map((p) => p.frag.bottom));

/**
 * The table rows of a block, one line each: label cells, then a cell per value column (empty where none).
 *
 * Label text left of the figures is read by column: pieces one under the other in a column are one cell's text
 * (a label wrapped in its cell, a merged group label set in a narrow column) until a piece starts a label of its
 * own or a second row's label would join. A cell holding a row's label labels that row; a cell without one labels
 * the row of figures it is centred on if that row has no label (a vertically centred cell), else it is a group
 * label, written before the first row it spans (where HTML and .docx write a merged cell).
 */
export function blockRows(block: Block): { rows: Map<Line, string>; used: Set<Line> } {
  const { lines, columns } = block;
  const first = columns[0]?.x0 ?? Infinity;
  const pieces: Piece[] = [];
  for (const l of lines) {
    const labels = l.frags.filter((f) => !(f.value && f.x0 >= first - 1) && f.x1 <= first + 1);
    const figures = isValueLine(l);
    labels.forEach((f, k) => pieces.push({ frag: f, line: l, rowLabel: figures && k === labels.length - 1, group: k < labels.length - 1 }));
  }
  // Chains: each piece joins the chain whose last piece is directly above it in an overlapping column.
  const chains: Chain[] = [];
  const hasRow = (c: Chain) => c.pieces.some((p) => p.rowLabel);
  for (const p of pieces) {
    let best: Chain | undefined;
    for (const c of chains) {
      const last = c.pieces[c.pieces.length - 1]!;
      const gap = p.frag.top - last.frag.bottom;
      if (last.line === p.line || gap > 0.8 * Math.max(p.frag.size, last.frag.size) || gap < -0.5 * p.frag.size) continue;
      if (!overlapsX(last.frag, p.frag)) continue;
      if (LABEL_START.test(p.frag.text) || ((p.rowLabel || p.group) && hasRow(c))) continue;
      best = c;
    }
    if (best) best.pieces.push(p);
    else chains.push({ pieces: [p] });
  }
  const labelOf = new Map<Line, Chain>();
  for (const c of chains) {
    const own = c.pieces.find((p) => p.rowLabel);
    if (own) {
      c.row = own.line;
      labelOf.set(own.line, c);
    }
  }
  const figureLines = lines.filter(isValueLine);
  // A cell without a row's label, centred on a row of figures that has none: that row's label (of several, the
  // one nearest the figures; a group label's pieces never are).
  for (const row of figureLines) {
    if (labelOf.has(row)) continue;
    const mid = (row.top + row.bottom) / 2;
    const fits = chains.filter((c) => !c.row && !c.pieces.some((p) => p.group) && chainTop(c) <= row.bottom && chainBottom(c) >= row.top
      && Math.abs((chainTop(c) + chainBottom(c)) / 2 - mid) < 0.6 * row.size);
    const c = fits.sort((a, b) => b.pieces[0]!.frag.x0 - a.pieces[0]!.frag.x0)[0];
    if (c) {
      c.row = row;
      labelOf.set(row, c);
      continue;
    }
    // A label wrapped in a tall cell, centred on its figures, directly under the previous row's label (a workbook
    // printed with its row heights, as the template prints): its lines joined that label's chain as if continuing
    // it below. The pieces after that row's own, centred on these figures, are this row's label.
    for (const other of chains) {
      // (a chain labelling its row by being centred on it has no row label of its own to split after)
      const own = other.row ? other.pieces.findIndex((p) => p.rowLabel) : -1;
      if (own < 0) continue;
      const after = other.pieces.slice(own + 1);
      if (!after.length || after.some((p) => p.frag.top < other.pieces[own]!.frag.bottom - 0.5)) continue;
      const sub: Chain = { pieces: after };
      if (chainTop(sub) <= row.bottom && chainBottom(sub) >= row.top && Math.abs((chainTop(sub) + chainBottom(sub)) / 2 - mid) < 0.6 * row.size) {
        other.pieces = other.pieces.slice(0, own + 1);
        sub.row = row;
        chains.push(sub);
        labelOf.set(row, sub);
        break;
      }
    }
  }
  // Group labels: before the first row of figures they span.
  const groupsOf = new Map<Line, Chain[]>();
  const standalone = new Map<Line, Chain>();
  for (const c of chains) {
    if (c.row) continue;
    const row = figureLines.find((l) => (l.top + l.bottom) / 2 > chainTop(c) && l.top < chainBottom(c));
    if (row) groupsOf.set(row, [...(groupsOf.get(row) ?? []), c]);
    else standalone.set(c.pieces[0]!.line, c);
  }
  const rows = new Map<Line, string>();
  const used = new Set<Line>(lines);
  for (const l of lines) {
    if (isValueLine(l)) {
      const labels = [...(groupsOf.get(l) ?? []), ...(labelOf.has(l) ? [labelOf.get(l)!] : [])]
        .sort((a, b) => a.pieces[0]!.frag.x0 - b.pieces[0]!.frag.x0).map(chainText);
      const values = columns.map((c) => l.frags.filter((f) => f.value && f.x0 >= first - 1 && (f.x0 + f.x1) / 2 >= c.x0 && (f.x0 + f.x1) / 2 <= c.x1).map((f) => f.text).join(''));
      rows.set(l, [...labels, ...values].join('\t'));
      used.delete(l);
    } else if (standalone.has(l)) {
      rows.set(l, chainText(standalone.get(l)!));
      used.delete(l);
    }
  }
  return { rows, used };
}

