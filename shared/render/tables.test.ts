import { describe, expect, it } from 'vitest';
import { checkTables, FORMAT_IDS, tableGrids } from '../index.js';
import { buildDraft, natural } from '../../test/support/drafts.js';
import { renderTablesHtml, renderTablesMarkdown } from './tables.js';

/** Replays rowspan/colspan like a browser and returns the width of every row of each table. */
function rowWidths(html: string): number[][] {
  return [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map(([, body]) => {
    const rows = [...body!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, r]) => r!);
    const carry: number[] = [];
    return rows.map((r, i) => {
      let width = carry[i] ?? 0;
      for (const [, attrs] of r.matchAll(/<t[hd]([^>]*)>/g)) {
        const cs = Number(/colspan="(\d+)"/.exec(attrs!)?.[1] ?? 1);
        const rs = Number(/rowspan="(\d+)"/.exec(attrs!)?.[1] ?? 1);
        width += cs;
        for (let k = 1; k < rs; k++) carry[i + k] = (carry[i + k] ?? 0) + cs;
      }
      return width;
    });
  });
}

describe.each(FORMAT_IDS)('tables of format %s', (format) => {
  const year = format === '2019' ? 2020 : 2024;

  it('HTML rows are all as wide as the official grid once merges are replayed', () => {
    const html = renderTablesHtml(buildDraft({ year }));
    const grids = tableGrids(format);
    const widths = rowWidths(html);
    expect(widths).toHaveLength(3);
    expect(widths[0]!.every((w) => w === grids.t2.width)).toBe(true);
    expect(widths[1]!.every((w) => w === grids.t3.width)).toBe(true);
    expect(widths[2]!.every((w) => w === grids.t4.width)).toBe(true);
    expect(widths[1]).toHaveLength(grids.t3.height);
  });

  it('every cell of the format appears once, with its value', () => {
    const d = buildDraft({ year });
    const html = renderTablesHtml(d);
    for (const id of Object.keys(d.cells)) expect(html.split(`data-cell="${id}"`)).toHaveLength(2);
  });
});

describe('rendering', () => {
  it('merges the t3 header as printed: the 勾稽关系 note over 3×3, 法人或其他组织 over five columns', () => {
    const html = renderTablesHtml(buildDraft({ year: 2024 }), { tables: ['t3'] });
    expect(html).toContain('<th rowspan="3" colspan="3" class="nb-note">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>');
    expect(html).toContain('<th colspan="5" class="nb-header">法人或其他组织</th>');
    expect(html).toContain('<td rowspan="22" class="nb-label">三、本年度办理结果</td>');
    expect(html).toContain('<td rowspan="3" class="nb-label">（六）其他处理</td>');
  });

  it('marks the cells of findings with their severity and message', () => {
    const d = buildDraft({ year: 2024, t3: { new: natural(7), granted: natural(7), total: [8, 0, 0, 0, 0, 0, 8] } });
    const html = renderTablesHtml(d, { findings: checkTables(d) });
    expect(html).toMatch(/<td class="nb-value nb-error" data-cell="t3\.total\.natural" title="[^"]*应为 7/);
  });

  it('escapes what a clerk typed', () => {
    const d = buildDraft({ year: 2024 });
    d.cells['t3.new.natural'] = '<img src=x onerror=alert(1)>';
    const html = renderTablesHtml(d);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderTablesMarkdown({ ...d, cells: { ...d.cells, 't3.new.natural': 'a|b' } })).toContain('a\\|b');
  });

  it('Markdown labels each t3 row with its merged group labels and each t4 column with its groups', () => {
    const md = renderTablesMarkdown(buildDraft({ year: 2024, t3: { 'denied.law': natural(3) } }));
    expect(md).toContain('| 三、本年度办理结果（三）不予公开2.其他法律行政法规禁止公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |');
    expect(md).toContain('行政诉讼·复议后起诉·尚未审结');
    expect(md).toContain('**第二十条第（八）项**');
  });
});
