/**
 * Writes a draft out as a published report would look in each text layout seen in the wild, from the official
 * grid plan (tableGrids): one cell per line, tab-separated, ` | `-separated, `pdftotext -layout` (aligned columns,
 * wrapped labels, page numbers and a page break inside t3) and crawler text (cells run together).
 */
import { FORMATS, narrativeParts, tableGrids, type Draft, type FormatId, type TableId } from '../../shared/index.js';

export type Layout = 'line' | 'tab' | 'pipe' | 'layout' | 'crawl';
export const TEXT_LAYOUTS: readonly Layout[] = ['line', 'tab', 'pipe', 'layout', 'crawl'];

/** Grid rows as printed: the cells whose top-left corner is on the row (covered cells are not written). */
function gridRows(d: Draft, table: TableId): string[][] {
  const grid = tableGrids(d.format as FormatId)[table];
  return grid.rows.map((r) => r.map((c) => (c.role === 'value' ? d.cells[c.cellId!] ?? '' : c.text ?? '')));
}

function wrap(label: string, width: number): [string, string] {
  return label.length > width ? [label.slice(0, width), label.slice(width)] : [label, ''];
}

function table(d: Draft, t: TableId, layout: Layout): string {
  const rows = gridRows(d, t);
  switch (layout) {
    case 'line':
      return rows.map((r) => r.map((c) => `\t${c}`).join('\n')).join('\n\n');
    case 'tab':
      return rows.map((r) => r.join('\t')).join('\n');
    case 'pipe':
      return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
    case 'crawl':
      return rows.map((r) => r.join('')).join('');
    case 'layout': {
      const out: string[] = [];
      rows.forEach((r, i) => {
        // Labels longer than 14 characters wrap: the first part above the numbers, the rest below.
        const tails: string[] = [];
        const cells = r.map((c) => {
          if (/^[\d.+-]*$/.test(c)) return c.padStart(8);
          const [head, tail] = wrap(c, 14);
          if (tail) tails.push(tail);
          return head.padEnd(16, ' ');
        });
        out.push(`   ${cells.join('   ')}`);
        if (tails.length) out.push(`   ${tails.join('   ')}`);
        if (t === 't3' && i === 10) out.push('', '                         -3-', '\f');
      });
      return out.join('\n');
    }
    default:
      throw new Error(layout satisfies never);
  }
}

/** The whole report: title, preamble, the six sections with the official headings, tables in the layout. */
export function writeReport(d: Draft, layout: Layout): string {
  const format = d.format as FormatId;
  const parts = narrativeParts(format, d.agency.level ?? 'department');
  const out: string[] = [`${d.agency.name}${d.year}年政府信息公开工作年度报告`, d.narrative.preamble ?? ''];
  const tableOf: Record<string, TableId> = { proactive: 't2', requests: 't3', review: 't4' };
  for (const s of FORMATS[format].sections) {
    out.push(s.heading);
    const t = tableOf[s.id];
    if (t) {
      out.push(table(d, t, layout));
      continue;
    }
    for (const p of parts.filter((x) => x.section === s.id)) {
      const text = d.narrative[p.id];
      if (!text) continue;
      if (p.heading) out.push(`${p.heading}情况。${text.split('\n')[0]}`, ...text.split('\n').slice(1));
      else out.push(text);
    }
  }
  const text = out.join('\n');
  return layout === 'layout' ? text.replace(/^(?=[一二三四五六]、|（)/gmu, '   ') : text;
}
