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
        continue;
      }
      const header = l.frags.length > 1 && !l.frags.some((f) => f.value);
      const paragraph = l.x1 - l.x0 > textWidth * 0.8 && l.frags.length === 1;
      if (header || paragraph || pending.length >= 4) break;
      pending.push(l);
    }
    const block: Block = { lines: members, columns: valueColumns(members) };
    for (const l of members) of.set(l, block);
    i = start + members.length;
  }
  return of;
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

/** Label cells of a figure line: its fragments left of the first value column, by x. */
function labelCells(l: Line, firstColumn: number): Frag[] {
  return l.frags.filter((f) => !(f.value && f.x0 >= firstColumn - 1)).map((f) => ({ ...f }));
}

/** Adds a label line's fragments to the cells they sit under (or as new cells), keeping x order. */
function mergeLabel(cells: Frag[], l: Line, before: boolean): void {
  for (const f of l.frags) {
    const c = cells.find((c) => overlapsX(c, f, f.size));
    if (c) {
      c.text = before ? append(f.text, c.text) : append(c.text, f.text);
      c.x0 = Math.min(c.x0, f.x0);
      c.x1 = Math.max(c.x1, f.x1);
    } else cells.push({ ...f });
  }
  cells.sort((a, b) => a.x0 - b.x0);
}

const gapBetween = (upper: Line, lower: Line) => lower.top - upper.bottom;
const centre = (ls: readonly Line[]) => (ls[0]!.top + ls[ls.length - 1]!.bottom) / 2;

/** The table rows of a block, one line each: label cells, then a cell per value column (empty where none). */
function blockRows(block: Block): { rows: Map<Line, string>; used: Set<Line> } {
  const rows = new Map<Line, string>();
  const used = new Set<Line>();
  const { lines, columns } = block;
  const first = columns[0]?.x0 ?? Infinity;
  const labelOnly = (l: Line | undefined) => !!l && !isValueLine(l) && l.x1 <= first + 1;
  const near = (a: Line, b: Line) => Math.abs(gapBetween(a, b)) < 0.8 * Math.max(a.size, b.size) || (a.top < b.bottom && b.top < a.bottom);
  lines.forEach((l, k) => {
    if (!isValueLine(l)) return;
    const cells = labelCells(l, first);
    // Label lines straddling a figure line without a label of its own: the label of a vertically centred cell.
    if (!cells.length) {
      const above: Line[] = [], below: Line[] = [];
      for (let a = k - 1; a >= 0 && labelOnly(lines[a]) && !used.has(lines[a]!) && near(lines[a]!, above[0] ?? l); a--) above.unshift(lines[a]!);
      for (let b = k + 1; b < lines.length && labelOnly(lines[b]) && near(below.at(-1) ?? l, lines[b]!); b++) below.push(lines[b]!);
      let best: Line[] | undefined, bestOff = Infinity;
      for (let na = 0; na <= above.length; na++) {
        for (let nb = 0; nb <= below.length; nb++) {
          if (na + nb === 0) continue;
          const pick = [...above.slice(above.length - na), ...below.slice(0, nb)];
          const off = Math.abs(centre(pick) - (l.top + l.bottom) / 2);
          if (off < bestOff - 0.5) {
            best = pick;
            bestOff = off;
          }
        }
      }
      if (best && bestOff < 0.6 * l.size) {
        for (const m of best) {
          mergeLabel(cells, m, false);
          used.add(m);
        }
      }
    } else {
      // A top-aligned cell's label continues below (not a new enumerated label), or began on the line above.
      const prev = lines[k - 1];
      if (labelOnly(prev) && !used.has(prev!) && near(prev!, l) && !ENUMERATOR.test(cells[0]!.text) && ENUMERATOR.test(prev!.frags[0]!.text)) {
        mergeLabel(cells, prev!, true);
        used.add(prev!);
      }
      for (let b = k + 1; b < lines.length; b++) {
        const m = lines[b]!;
        if (!labelOnly(m) || !near(lines[b - 1]!, m) || ENUMERATOR.test(m.frags[0]!.text)) break;
        if (!m.frags.every((f) => cells.some((c) => overlapsX(c, f, f.size)))) break;
        // A label line that centres on the next figure line belongs there.
        const next = lines[b + 1];
        if (next && isValueLine(next) && !labelCells(next, first).length && near(m, next)) break;
        mergeLabel(cells, m, false);
        used.add(m);
      }
    }
    const values = columns.map((c) => l.frags.filter((f) => f.value && overlapsX(f, c) && f.x0 >= first - 1).map((f) => f.text).join(''));
    rows.set(l, [...cells.map((c) => c.text), ...values].join('\t'));
  });
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
