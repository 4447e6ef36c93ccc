/**
 * The test corpus: every fixture report (its cells as typed in test/support/fixture-drafts.ts) rewritten by
 * writers.ts into every table shape met in the field — one cell per line, tab, pipe, crawled one-cell-per-line ending
 * in ` |` (blank cells as `|`, rows opened by `|`, trailing blanks collapsed into `||||`), Markdown with a page break,
 * a running head and spilled labels — each plain, with t4 printed as three labelled rows, and with a row the format
 * does not have. Every one must give the fixture's own cells exactly: no cell wrong, none missing.
 */
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/index.js';
import { parseCell } from '../../shared/index.js';
import { importReport } from '../../shared/import/index.js';
import * as fixtures from '../support/fixture-drafts.js';
import { consistentDraft, rng } from '../support/generate.js';
import { byRule, errors } from './support.js';
import { EXACT_LAYOUTS, EXTRA_ROWS, writeReport, type WriteOptions } from './writers.js';

const DRAFTS: Record<string, Draft> = {
  'weihai-hitech-social-2020': fixtures.zeros2019('威海火炬高技术产业开发区社会工作部'),
  'wendeng-tianfu-2020': fixtures.zeros2019('文登区天福街道办事处'),
  'weihai-hitech-office-2020': fixtures.weihaiOffice2020(),
  'pingtan-2021': fixtures.pingtan2021(),
  'pingtan-2022': fixtures.pingtan2022(),
  'huaian-2024': fixtures.huaian2024(),
  'hongze-2023': fixtures.hongze2023(),
  'hongze-2024': fixtures.hongze2024(),
};

const VARIANTS: Record<string, WriteOptions> = {
  plain: {}, 't4 as three rows': { t4Rows: true }, 't4 as three blocks one under another': { t4Stacked: true }, 'with an extra row': { extraRow: true },
};

const CASES = Object.entries(DRAFTS).flatMap(([name, d]) =>
  EXACT_LAYOUTS.flatMap((layout) => Object.entries(VARIANTS).map(([variant, options]) => ({ name, d, layout, variant, options }))));

/** A cell the fixture leaves out (blank in the report, or not readable there) reads as blank or is left out. */
function differences(expected: Draft, cells: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [id, v] of Object.entries(cells)) if ((expected.cells[id] ?? '') !== v) out.push(`${id}: ${v} ≠ ${expected.cells[id] ?? '（空）'}`);
  for (const id of Object.keys(expected.cells)) if (cells[id] === undefined) out.push(`${id}: 未读取`);
  return out;
}

describe('every fixture in every table shape', () => {
  it.each(CASES)('$name, $layout, $variant: the fixture\'s own cells exactly', ({ d, layout, variant, options }) => {
    const text = writeReport(d, layout, options);
    const r = importReport({ name: layout === 'markdown' ? 'report.md' : 'report.txt', text });
    expect(differences(d, r.draft.cells)).toEqual([]);
    expect(r.draft).toMatchObject({ year: d.year, format: d.format, agency: { name: d.agency.name } });
    // No table finding but the ones the fixture itself calls for (hongze's single-row （六）: format.mixed).
    const mixed = 't3.other.natural' in d.cells && d.format === '2021';
    expect(errors(r.findings).map((f) => f.rule)).toEqual(mixed ? ['format.mixed'] : []);
    const extra = byRule(r.findings, 'structure.extra-row');
    if (variant === 'with an extra row') {
      expect(extra.map((f) => f.message.includes(EXTRA_ROWS.t2.label) || f.message.includes(EXTRA_ROWS.t3.label))).toEqual([true, true]);
      expect(extra.every((f) => f.severity === 'warning' && f.cells.length === 0)).toBe(true);
    } else expect(extra).toEqual([]);
  });
});

describe('random consistent drafts (test/support/generate.ts) in every shape', () => {
  const drafts = Array.from({ length: 8 }, (_, seed) => (['2019', '2021'] as const).map((f) => ({
    ...consistentDraft(f, rng(seed + 1), seed % 3 === 0 ? 5000 : 50), agency: { name: '某县交通运输局' },
  }))).flat();

  it.each(EXACT_LAYOUTS)('%s, each variant: every cell exactly (signed deltas, decimals, large counts)', (layout) => {
    for (const d of drafts) {
      for (const options of Object.values(VARIANTS)) {
        const r = importReport({ name: layout === 'markdown' ? 'r.md' : 'r.txt', text: writeReport(d, layout, options) });
        expect(differences(d, r.draft.cells)).toEqual([]);
      }
    }
  });

  it.each(['crawl', 'layout'] as const)('%s (cells run together, blank cells invisible): no cell read wrong', (layout) => {
    let read = 0;
    for (const d of drafts) {
      for (const options of Object.values(VARIANTS)) {
        const r = importReport({ name: 'r.txt', text: writeReport(d, layout, options) });
        const wrong = Object.entries(r.draft.cells).filter(([id, v]) => parseCell(v).value !== parseCell(d.cells[id]).value);
        expect(wrong).toEqual([]);
        read += Object.keys(r.draft.cells).length;
      }
    }
    expect(read).toBeGreaterThan(0);
  });
});

describe('table shapes in isolation', () => {
  const d = fixtures.huaian2024();
  const t4Row = (text: string) => {
    const r = importReport({ name: 'r.txt', text: `淮安市人民政府2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n${text}` });
    return { r, review: ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => r.draft.cells[`t4.review.${c}`]) };
  };

  it('a doubled pipe between groups is a group break, not a blank cell', () => {
    const { r } = t4Row('行政复议 | 行政诉讼\n| 72 | 64 | 178 | 37 | 351 || 13 | 4 | 8 | 1 | 26 || 12 | 1 | 1 | 6 | 20 |');
    expect(r.draft.cells['t4.review.total']).toBe('351');
    expect(r.draft.cells['t4.suit-direct.upheld']).toBe('13');
    expect(r.draft.cells['t4.suit-after-review.total']).toBe('20');
  });

  it('t4 as three labelled rows, one of them too short: that row is reported, the others read', () => {
    const { r, review } = t4Row('行政复议 | 72 | 64 | 178 | 37 | 351\n未经复议直接起诉 | 13 | 4 | 8 | 26\n复议后起诉 | 12 | 1 | 1 | 6 | 20');
    expect(review).toEqual(['72', '64', '178', '37', '351']);
    expect(r.draft.cells['t4.suit-direct.upheld']).toBeUndefined();
    expect(byRule(r.findings, 'structure.row-shape').map((f) => f.cells[0])).toEqual(['t4.suit-direct.upheld']);
    expect(r.draft.cells['t4.suit-after-review.pending']).toBe('6');
  });

  it('a table found but not read is said once, with why: no row-shape per row, no 「缺少」', () => {
    // Every t2 row of the crawled text has one number too many: found, not read.
    const text = writeReport(d, 'tab').replace(/^(规章|行政规范性文件|行政许可|行政处罚|行政强制|行政事业性收费)(\t.*)$/gmu, '$1$2\t5');
    const r = importReport({ name: 'r.txt', text });
    const f = r.findings.filter((x) => x.rule.startsWith('structure.') && x.cells.some((c) => c.startsWith('t2.')) || x.message.includes('主动公开政府信息情况'));
    expect(f.map((x) => x.rule)).toEqual(['structure.unreadable-table']);
    expect(f[0]!.message).toContain('6 行的数字个数与格式不符');
    expect(Object.keys(r.draft.cells).filter((id) => id.startsWith('t2.'))).toEqual([]);
    expect(r.draft.cells['t3.new.total']).toBe('3119');
  });

  it('Markdown with <br> inside a label cell, emphasis and a comment reads as the plain table', () => {
    const md = writeReport(d, 'markdown')
      .replace('| （二）部分公开（区分处理的，只计这一 |', '| **（二）部分公开（区分处理的，<br>只计这一** |')
      .replace('## 三、', '<!-- page 2 -->\n## 三、');
    const r = importReport({ name: 'r.md', text: md });
    expect(r.kind).toBe('markdown');
    expect(differences(d, r.draft.cells)).toEqual([]);
  });

  it('a compact Markdown table (`|规章|1||11|`): `||` is an empty cell there, not a group break', () => {
    const md = writeReport(d, 'markdown').replace(/ \| /g, '|').replace(/\| (?=\S)/g, '|').replace(/(?<=\S) \|$/gmu, '|').replace(/\|  \|/g, '||');
    expect(md).toContain('|规章|1|0|11|');
    const blank = md.replace('|规章|1|0|11|', '|规章|1||11|');
    const r = importReport({ name: 'r.md', text: blank });
    expect(r.draft.cells['t2.rules.repealed']).toBe('');
    expect(r.draft.cells['t2.rules.in-force']).toBe('11');
    expect(differences(d, r.draft.cells).filter((x) => !x.startsWith('t2.rules.repealed'))).toEqual([]);
  });

  it('a table whose header is found but none of whose rows is recognised: one finding that says so', () => {
    const text = writeReport(d, 'tab').replace(/^(规章|行政规范性文件|行政许可|行政处罚|行政强制|行政事业性收费)\t/gmu, '某项\t');
    const r = importReport({ name: 'r.txt', text });
    const t2 = r.findings.filter((x) => x.rule.startsWith('structure.') && (x.cells.some((c) => c.startsWith('t2.')) || /主动公开政府信息情况|表二/u.test(x.message)));
    expect(t2.map((x) => x.rule)).toEqual(['structure.unreadable-table']);
    expect(t2[0]!.message).toContain('没有认出格式中的任何一行（行标题“某项”不是格式中的行）');
  });
});

