/** Draws a sheet of the fake host as an HTML table (values, merges, fills incl. conditional ones, notes), for the browser test page. */
import { colLetters } from './fake/formula.js';
import type { SheetModel } from './fake/model.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderSheet(sheet: SheetModel): string {
  const { rows, cols } = sheet.extent();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  const head = `<tr><th></th>${Array.from({ length: cols }, (_, c) => `<th>${colLetters(c)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  for (let r = 0; r < rows; r++) {
    const tds: string[] = [];
    for (let c = 0; c < cols; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const m = sheet.merges.find((x) => x.top === r && x.left === c);
      const span = m ? ` rowspan="${m.bottom - m.top + 1}" colspan="${m.right - m.left + 1}"` : '';
      const cell = sheet.peek(r, c);
      const shown = sheet.shownFormat(r, c);
      const v = sheet.value(r, c);
      const address = `${colLetters(c)}${r + 1}`;
      const note = sheet.notes.get(address);
      const style = [shown.fill ? `background:${shown.fill}` : '', shown.fontColor ? `color:${shown.fontColor}` : '', cell?.bold ? 'font-weight:bold' : '',
        cell?.hAlign ? `text-align:${cell.hAlign.toLowerCase()}` : ''].filter(Boolean).join(';');
      const cls = [cell?.locked === false ? 'input' : '', note ? 'noted' : '', shown.conditional ? 'flagged' : ''].filter(Boolean).join(' ');
      const text = typeof v === 'number' && cell?.numberFormat === '+0;-0;0' && v > 0 ? `+${v}` : String(v);
      const content = cell?.locked === false
        ? `<input data-address="${address}" value="${esc(text)}" size="5">`
        : esc(text);
      tds.push(`<td data-cell="${address}"${span}${cls ? ` class="${cls}"` : ''}${style ? ` style="${style}"` : ''}${note ? ` title="${esc(note)}"` : ''}>${content}</td>`);
    }
    body.push(`<tr><th>${r + 1}</th>${tds.join('')}</tr>`);
  }
  return `<table class="sheet" data-sheet="${esc(sheet.name)}">${head}${body.join('')}</table>`;
}
