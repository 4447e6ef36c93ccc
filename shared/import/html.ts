/**
 * HTML → plain text in the shape the text importer reads: paragraphs as lines, every table row as one line of
 * tab-separated cells. A cell covered by a rowspan/colspan is not in the markup and is not written, which is the
 * shape of a published text copy (merged label cells appear once, numbers follow their label).
 */
import { decodeEntities, readMarkup } from './markup.js';

const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer',
  'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl', 'address', 'caption', 'figure', 'figcaption', 'main', 'nav', 'aside',
  'form', 'fieldset', 'legend', 'center', 'body', 'html',
]);

interface TableCtx {
  rows: string[][];
  row: string[] | null;
  cell: string | null;
}

/** Cells of a row with several cells are one line each; a single cell (a layout table) keeps its lines. */
export function rowLine(cells: readonly string[]): string {
  if (cells.length <= 1) return cells[0] ?? '';
  return cells.map((c) => c.replace(/[\r\n\t]+/g, ' ').trim()).join('\t');
}

/** A line without its leading and trailing U+0020 spaces (other white space stays, as it was written). */
function trimSpaces(l: string): string {
  let a = 0, b = l.length;
  while (a < b && l.charCodeAt(a) === 32) a++;
  while (b > a && l.charCodeAt(b - 1) === 32) b--;
  return a === 0 && b === l.length ? l : l.slice(a, b);
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  const tables: TableCtx[] = [];
  let pre = 0;
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { write, endCell, endRow } = {
    write(s: string) {
      const t = tables[tables.length - 1];
      if (!t) out.push(s);
      else if (t.cell !== null) t.cell += s;
    },
    endCell(t: TableCtx) {
      if (t.cell === null) return;
      (t.row ??= []).push(t.cell);
      t.cell = null;
    },
    endRow(t: TableCtx) {
      endCell(t);
      if (t.row) t.rows.push(t.row);
      t.row = null;
    }
  };
  readMarkup(html, (e) => {
    if (e.type === 'text') {
      write(pre ? e.text : e.text.replace(/[ \t\r\n\f]+/g, ' '));
      return;
    }
    const t = tables[tables.length - 1];
    if (e.name === 'table') {
      if (e.type === 'open') {
        write('\n');
        tables.push({ rows: [], row: null, cell: null });
      } else if (t) {
        endRow(t);
        tables.pop();
        write(`\n${t.rows.map(rowLine).join('\n')}\n`);
      }
      return;
    }
    if (t && (e.name === 'tr')) {
      endRow(t);
      if (e.type === 'open') t.row = [];
      return;
    }
    if (t && (e.name === 'td' || e.name === 'th')) {
      endCell(t);
      if (e.type === 'open' && !e.selfClosing) t.cell = '';
      else if (e.type === 'open') (t.row ??= []).push('');
      return;
    }
    if (e.name === 'pre') pre = Math.max(0, pre + (e.type === 'open' ? 1 : -1));
    if (BLOCK.has(e.name)) write('\n');
  });
  return out.join('').split('\n').map(trimSpaces).join('\n');
}

/** The page's <title> text (entities for quotes and spaces decoded), where the year and agency often are. */
export function htmlTitle(html: string): string | undefined {
  const m = /<title\b[^>]{0,200}>([^<]{1,400})<\/title>/iu.exec(html.slice(0, 65_536));
  if (!m) return undefined;
  // the markup reader's entity decoding; a no-break space is a space in a title
  const t = decodeEntities(m[1]!).replace(/\u00A0/gu, ' ').trim();
  return t || undefined;
}
