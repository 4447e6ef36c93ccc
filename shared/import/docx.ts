/**
 * .docx → plain text in the same shape as html.ts writes: paragraphs as lines, table rows as tab-separated cells.
 * A cell continuing a vertical merge (w:vMerge without "restart") is covered and not written, as in HTML.
 */
import { readZip, type ZipFailure } from '../zip.js';
import { readMarkup } from './markup.js';
import { rowLine } from './html.js';

export { isZip } from '../zip.js';

export type DocxRead = { ok: true; text: string } | { ok: false; reason: ZipFailure | 'no-document' };

const DOCUMENT = 'word/document.xml';

export function readDocx(bytes: Uint8Array): DocxRead {
  const zip = readZip(bytes, (name) => name === DOCUMENT);
  if (!zip.ok) return { ok: false, reason: zip.reason };
  const xml = zip.files.get(DOCUMENT);
  if (!xml) return { ok: false, reason: 'no-document' };
  return { ok: true, text: documentXmlToText(new TextDecoder('utf-8').decode(xml)) };
}

interface TableCtx {
  rows: string[][];
  row: string[] | null;
  cell: string | null;
  covered: boolean;
}

export function documentXmlToText(xml: string): string {
  const out: string[] = [];
  const tables: TableCtx[] = [];
  let inText = false;
  const write = (s: string) => {
    const t = tables[tables.length - 1];
    if (!t) out.push(s);
    else if (t.cell !== null) t.cell += s;
  };
  readMarkup(xml, (e) => {
    if (e.type === 'text') {
      if (inText) write(e.text);
      return;
    }
    const t = tables[tables.length - 1];
    switch (e.name) {
      case 'w:t':
        inText = e.type === 'open' && !e.selfClosing;
        return;
      case 'w:tab':
        if (e.type === 'open') write(t?.cell != null ? ' ' : '\t');
        return;
      case 'w:br': case 'w:cr':
        if (e.type === 'open') write('\n');
        return;
      case 'w:p':
        if (e.type === 'close') write('\n');
        return;
      case 'w:tbl':
        if (e.type === 'open') tables.push({ rows: [], row: null, cell: null, covered: false });
        else if (t) {
          tables.pop();
          write(`\n${t.rows.map(rowLine).join('\n')}\n`);
        }
        return;
      case 'w:tr':
        if (!t) return;
        if (e.type === 'open') t.row = [];
        else {
          if (t.row) t.rows.push(t.row);
          t.row = null;
        }
        return;
      case 'w:tc':
        if (!t) return;
        if (e.type === 'open') {
          t.cell = '';
          t.covered = false;
        } else {
          if (t.cell !== null && !t.covered) (t.row ??= []).push(t.cell.replace(/\n+$/, ''));
          t.cell = null;
        }
        return;
      case 'w:vMerge':
        if (t && e.type === 'open' && (e.attrs['w:val'] ?? 'continue') !== 'restart') t.covered = true;
        return;
      default:
    }
  }, false);
  return out.join('');
}
