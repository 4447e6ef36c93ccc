/**
 * Word 97–2003 (.doc) → plain text with table rows as tab-separated lines, the shape docx.ts writes.
 *
 * The text comes from `word-extractor`, a Node library: it takes a Node Buffer (it checks `Buffer.isBuffer`) and
 * uses Node streams, so readDoc is the one adapter over it — it is loaded on demand (document.ts) and reports
 * `doc-unsupported` where there is no Node Buffer (a browser). Everything after the extraction is pure.
 *
 * Word's text stream ends every table cell with a mark and every row with one more; word-extractor turns both into
 * a tab and runs a table's rows together. A row end is therefore an empty cell, which a covered (merged) cell also
 * is: rows are cut where a label follows a figure, or follows two or more empty cells (row end + covered cells).
 */

export type DocRead = { ok: true; text: string } | { ok: false; reason: 'doc-corrupt' | 'doc-unsupported' };

const VALUE = /^(?:[+\-−－]?[0-9０-９][0-9０-９,，.．]*%?|[/／—–-]{1,3})$/u;

/**
 * One line of table text (cells each ended by a tab) → rows, one line each. A line that is one row keeps its empty
 * cells (a blank cell is a cell); where a line holds several rows, the empties at a cut are the row-end mark and
 * the next row's covered cells, and are dropped (a covered cell is not written, as in html.ts).
 */
function tableRows(line: string): string[] {
  const cells = line.split('\t').map((c) => c.replace(/[\r\n]+/g, ' ').trim());
  cells.pop(); // after the last cell's end mark
  const rows: string[][] = [];
  let row: string[] = [];
  let empties = 0;
  let lastFilled: string | undefined;
  for (const c of cells) {
    if (!c) {
      empties++;
      row.push('');
      continue;
    }
    const afterFigure = lastFilled !== undefined && VALUE.test(lastFilled) && empties >= 1;
    if (row.length && !VALUE.test(c) && (afterFigure || empties >= 2)) {
      rows.push(row);
      row = [];
    }
    row.push(c);
    empties = 0;
    lastFilled = c;
  }
  rows.push(row);
  if (rows.length === 1) return [rows[0]!.join('\t')];
  return rows.map((r) => {
    while (r.length && r[r.length - 1] === '') r.pop();
    while (r.length && r[0] === '') r.shift();
    return r.join('\t');
  }).filter((l) => l);
}

/** word-extractor's body text → the importer's text: table runs (lines holding tabs) cut into rows. */
export function docBodyToText(body: string): string {
  return body.replace(/\r\n?/g, '\n').split('\n').flatMap((line) => (line.includes('\t') ? tableRows(line) : [line])).join('\n');
}

type NodeBuffer = { from(bytes: Uint8Array): Uint8Array };

export async function readDoc(bytes: Uint8Array): Promise<DocRead> {
  const Buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (!Buffer) return { ok: false, reason: 'doc-unsupported' };
  const { default: WordExtractor } = await import('word-extractor');
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes));
    return { ok: true, text: docBodyToText(doc.getBody({ filterUnicode: false })) };
  } catch {
    return { ok: false, reason: 'doc-corrupt' };
  }
}
