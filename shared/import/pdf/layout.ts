/**
 * Positioned text of PDF pages → plain text in the shape html.ts and docx.ts write: narrative paragraphs as lines,
 * every table row as one line of tab-separated cells. Pure geometry, no PDF parsing (read.ts does that).
 *
 * Rows come from the baselines, cells from x: a table's value columns are the x-ranges its figures occupy across
 * all of its rows, so every figure lands in its own column and two cells never run together. A label wrapped over
 * several lines is joined to its row (in a cell centred on its figures, or continued below a top-aligned one).
 * Page numbers and running heads are dropped; lines of all pages run on, so a table continues across pages.
 */
import { blocks, blockRows, type Block } from './table.js';
import { append, dropChrome, ENUMERATOR, lineText, pageLines, type Line, type PdfPageText } from './lines.js';

export type { PdfPageText, PdfTextItem } from './lines.js';

const gapBetween = (upper: Line, lower: Line) => lower.top - upper.bottom;

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
