/**
 * Positioned text of PDF pages → plain text in the shape html.ts and docx.ts write: narrative paragraphs as lines,
 * every table row as one line of tab-separated cells. Pure geometry, no PDF parsing (read.ts does that).
 *
 * Rows come from the baselines, cells from x: a table's value columns are the x-ranges its figures occupy across
 * all of its rows, so every figure lands in its own column and two cells never run together. A label wrapped over
 * several lines is joined to its row (in a cell centred on its figures, or continued below a top-aligned one).
 * Page numbers and running heads are dropped; lines of all pages run on, so a table continues across pages.
 */

export interface PdfTextItem {
  readonly str: string;
  /** Left edge and baseline, in page units with y growing downwards. */
  readonly x: number;
  readonly y: number;
  /** Advance width (height for vertical text) and font size. */
  readonly w: number;
  readonly size: number;
  /** Written top to bottom (a CJK vertical font): occupies [y, y + w] and [x, x + size]. */
  readonly vertical: boolean;
}

export interface PdfPageText {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfTextItem[];
}

interface Frag {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  value: boolean;
}

interface Line {
  page: number;
  frags: Frag[];
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  size: number;
}

/** A figure or a placeholder for none: what a value column holds. */
const VALUE = /^(?:[+\-−－]?[0-9０-９][0-9０-９,，.．]*%?|[/／—–-]{1,3}|无)$/u;
/** A label that opens a row or group: 「一、」「（一）」「1.」「1、」「(1)」「第二十条」. */
const ENUMERATOR = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}\s*[.、．]|第[一二三四五六七八九十]+条)/u;
const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*\/\s*\d{1,4})?|[-－—–]?\s*\d{1,4}\s*[-－—–]?)$/u;
const ASCII_WORD = /[A-Za-z0-9]/;

const lineText = (l: Line) => l.frags.map((f) => f.text).join('\t');
const isValueLine = (l: Line) => l.frags.some((f) => f.value) && (l.frags.length > 1 || l.frags[0]!.value);
const overlapsX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }, slack = 0) => a.x0 < b.x1 + slack && b.x0 < a.x1 + slack;

function append(a: string, b: string): string {
  return a && b && ASCII_WORD.test(a[a.length - 1]!) && ASCII_WORD.test(b[0]!) ? `${a} ${b}` : a + b;
}

/** Items on one baseline → fragments: runs of items close enough to be one cell's text. */
function fragmentsOf(items: readonly PdfTextItem[]): Frag[] {
  const frags: Frag[] = [];
  let cur: Frag | undefined;
  let lastWasValue = false;
  for (const it of [...items].sort((a, b) => a.x - b.x)) {
    const text = it.str.replace(/\s+/gu, ' ').trim();
    if (!text) continue;
    const value = VALUE.test(text);
    const x1 = it.x + (it.vertical ? it.size : it.w);
    const top = it.vertical ? it.y : it.y - it.size * 0.85;
    const bottom = it.vertical ? it.y + it.w : it.y + it.size * 0.15;
    if (cur) {
      const gap = it.x - cur.x1;
      // Figures of neighbouring cells may be only a cell's padding apart: between two figures a gap splits.
      const limit = value && lastWasValue ? 0.12 : 0.8;
      if (!it.vertical && gap < limit * Math.max(cur.size, it.size)) {
        cur.text = gap > 0.25 * it.size && ASCII_WORD.test(cur.text[cur.text.length - 1]!) && ASCII_WORD.test(text[0]!) ? `${cur.text} ${text}` : cur.text + text;
        cur.x1 = Math.max(cur.x1, x1);
        cur.top = Math.min(cur.top, top);
        cur.bottom = Math.max(cur.bottom, bottom);
        cur.size = Math.max(cur.size, it.size);
        cur.value = VALUE.test(cur.text);
        lastWasValue = value;
        continue;
      }
    }
    cur = { text, x0: it.x, x1, top, bottom, size: it.size, value };
    frags.push(cur);
    lastWasValue = value;
  }
  return frags;
}

/** Items of a page → lines, top to bottom: items share a line when their baselines are within a third of a size. */
function pageLines(page: PdfPageText, index: number): Line[] {
  const horizontal = page.items.filter((i) => !i.vertical && i.str.trim()).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  let base = -Infinity, size = 0;
  for (const it of horizontal) {
    if (groups.length && Math.abs(it.y - base) <= 0.35 * Math.max(size, it.size)) {
      groups[groups.length - 1]!.push(it);
      size = Math.max(size, it.size);
    } else {
      groups.push([it]);
      base = it.y;
      size = it.size;
    }
  }
  // Vertical text (a merged group label written downwards): consecutive pieces in one column are one fragment.
  const vertical = page.items.filter((i) => i.vertical && i.str.trim()).sort((a, b) => a.x - b.x || a.y - b.y);
  const columns: PdfTextItem[][] = [];
  for (const it of vertical) {
    const last = columns[columns.length - 1]?.at(-1);
    if (last && Math.abs(last.x - it.x) < 0.3 * it.size && it.y - (last.y + last.w) < it.size) columns[columns.length - 1]!.push(it);
    else columns.push([it]);
  }
  const lines: Line[] = [];
  for (const g of groups) {
    const frags = fragmentsOf(g);
    if (frags.length) lines.push(makeLine(index, frags));
  }
  for (const c of columns) {
    const text = c.map((i) => i.str.trim()).join('');
    const f: Frag = { text, x0: c[0]!.x, x1: c[0]!.x + c[0]!.size, top: c[0]!.y, bottom: c.at(-1)!.y + c.at(-1)!.w, size: c[0]!.size, value: false };
    // Written where its middle is: as a line of its own among the rows it spans.
    const mid = (f.top + f.bottom) / 2;
    lines.push({ ...makeLine(index, [f]), top: mid - f.size / 2, bottom: mid + f.size / 2 });
  }
  return lines.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function makeLine(page: number, frags: Frag[]): Line {
  return {
    page, frags,
    top: Math.min(...frags.map((f) => f.top)), bottom: Math.max(...frags.map((f) => f.bottom)),
    x0: frags[0]!.x0, x1: Math.max(...frags.map((f) => f.x1)), size: Math.max(...frags.map((f) => f.size)),
  };
}

/** Page numbers and running heads: short lines in the top or bottom margin, a page number or repeated on pages. */
function dropChrome(pages: readonly PdfPageText[], lines: Line[]): Line[] {
  const inMargin = (l: Line) => {
    const h = pages[l.page]!.height;
    return l.bottom < h * 0.1 || l.top > h * 0.88;
  };
  const key = (l: Line) => lineText(l).replace(/\d+/g, '#').replace(/\s+/g, '');
  const seen = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!inMargin(l)) continue;
    const k = key(l);
    if (!seen.has(k)) seen.set(k, new Set());
    seen.get(k)!.add(l.page);
  }
  return lines.filter((l) => {
    if (!inMargin(l)) return true;
    const t = lineText(l).replace(/\s+/g, ' ').trim();
    if (PAGE_NUMBER.test(t)) return false;
    return !(pages.length > 1 && seen.get(key(l))!.size >= 2 && t.length <= 60);
  });
}

interface Block {
  lines: Line[];
  columns: { x0: number; x1: number }[];
}

/**
 * Table blocks: runs of lines holding figures, with at most a few label lines between figure lines. A line of
 * several text cells and no figure (a header) or a full-width paragraph ends a block.
 */
function blocks(lines: readonly Line[], textWidth: number): Map<Line, Block> {
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
      if (of.has(l) || l.frags.length > 1 || l.x1 - l.x0 > textWidth * 0.8) break;
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

const gapBetween = (upper: Line, lower: Line) => lower.top - upper.bottom;
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
function blockRows(block: Block): { rows: Map<Line, string>; used: Set<Line> } {
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

/** Left and right edges most narrative lines share: where a paragraph's lines start and end. */
function margins(lines: readonly Line[]): { left: number; right: number } {
  const mode = (xs: number[]) => {
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(Math.round(x / 3), (counts.get(Math.round(x / 3)) ?? 0) + 1);
    let best = 0, n = -1;
    for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
    return best * 3;
  };
  const single = lines.filter((l) => l.frags.length === 1);
  return { left: mode(single.map((l) => l.x0)), right: Math.max(...single.map((l) => l.x1), 0) };
}

/** The size most narrative text is set in. */
function bodySize(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.frags.length === 1) counts.set(Math.round(l.size), (counts.get(Math.round(l.size)) ?? 0) + l.frags[0]!.text.length);
  let best = 0, n = -1;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best || 12;
}

export function layoutText(pages: readonly PdfPageText[]): string {
  const all = dropChrome(pages, pages.flatMap((p, i) => pageLines(p, i)));
  const width = Math.max(...pages.map((p) => p.width), 1);
  const found = margins(all);
  // Where lines would end if the text filled the page: margins are symmetric unless longer lines say otherwise.
  const { left } = found, right = Math.max(found.right, width - left);
  const of = blocks(all, Math.max(right - left, width * 0.5));
  const body = bodySize(all.filter((l) => !of.has(l)));
  const done = new Map<Block, { rows: Map<Line, string>; used: Set<Line> }>();
  const out: string[] = [];
  let para = '';
  let paraLine: Line | undefined;
  const flush = () => {
    if (para) out.push(para);
    para = '';
    paraLine = undefined;
  };
  for (const l of all) {
    const block = of.get(l);
    if (block) {
      if (!done.has(block)) done.set(block, blockRows(block));
      const { rows, used } = done.get(block)!;
      if (used.has(l)) continue;
      flush();
      out.push(rows.get(l) ?? lineText(l));
      continue;
    }
    if (l.frags.length > 1) {
      flush();
      out.push(lineText(l));
      continue;
    }
    // Narrative: a line continues the paragraph when the one before ran to the right edge and this one is not indented.
    const text = l.frags[0]!.text;
    // A title set larger than the body and wrapped (often centred): its lines are one line.
    const title = out.length === 0 && paraLine && paraLine.size >= 1.15 * body && l.size >= 1.15 * body && Math.abs(paraLine.size - l.size) < 0.5
      && paraLine.page === l.page && gapBetween(paraLine, l) < l.size;
    const continues = title || (paraLine && paraLine.page <= l.page && paraLine.x1 >= right - 2 * paraLine.size && l.x0 < left + 0.8 * l.size
      && !ENUMERATOR.test(text));
    if (continues) para = append(para, text);
    else {
      flush();
      para = text;
    }
    paraLine = l;
  }
  flush();
  return out.join('\n');
}
