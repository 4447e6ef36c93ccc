/**
 * The same report in every input layout gives the same draft; corrupted copies give the right finding on the
 * right cell. The base drafts are the importer's own readings of two real fixtures (one per format).
 */
import { describe, expect, it } from 'vitest';
import { catalogue, parseCell, type Draft } from '../../shared/index.js';
import { renderReportHtml, renderReportMarkdown } from '../../shared/render/report.js';
import { importReport } from '../../shared/import/index.js';
import { allFindings, byRule, errors, importFixture } from './support.js';
import { TEXT_LAYOUTS, writeReport, type Layout } from './writers.js';

const BASES = {
  '2021 (huaian-2024)': importFixture('huaian-2024').draft,
  '2019 (weihai-hitech-office-2020)': importFixture('weihai-hitech-office-2020').draft,
} as const;

const read = (text: string, name = 'report.txt') => importReport({ name, text });
const hasBlank = (d: Draft) => Object.values(d.cells).some((v) => parseCell(v).kind === 'blank');

describe.each(Object.entries(BASES))('the same report, format %s', (_, base) => {
  it.each(TEXT_LAYOUTS.filter((l) => l !== 'crawl'))('in the %s layout reads to the same draft', (layout: Layout) => {
    const r = read(writeReport(base, layout));
    if (layout === 'layout' && hasBlank(base)) {
      // Aligned columns cannot show an empty cell: its row is one number short and reported, not shifted.
      const blankRows = new Set(Object.entries(base.cells).filter(([, v]) => v === '').map(([id]) => id.split('.').slice(0, -1).join('.')));
      const reported = byRule(r.findings, 'structure.row-shape').map((f) => f.cells[0]!.split('.').slice(0, -1).join('.'));
      expect(reported).toEqual([...blankRows]);
      const rest = (c: Record<string, string>) => Object.fromEntries(Object.entries(c).filter(([id]) => !blankRows.has(id.split('.').slice(0, -1).join('.'))));
      expect(rest(r.draft.cells)).toEqual(rest(base.cells));
      return;
    }
    expect(r.draft.cells).toEqual(base.cells);
    expect(r.draft).toMatchObject({ year: base.year, format: base.format, agency: { name: base.agency.name } });
    expect(Object.keys(r.draft.narrative).sort()).toEqual(Object.keys(base.narrative).sort());
    expect(errors(r.findings)).toEqual([]);
  });

  it('run together by a crawler, every cell read is right and every other is reported, never guessed', () => {
    const r = read(writeReport(base, 'crawl'));
    const wrong = Object.entries(r.draft.cells).filter(([id, v]) => base.cells[id] !== v && parseCell(v).value !== parseCell(base.cells[id]).value);
    expect(wrong).toEqual([]);
    const missing = Object.keys(base.cells).filter((id) => r.draft.cells[id] === undefined && parseCell(base.cells[id]).kind !== 'blank');
    const reported = new Set(r.findings.filter((f) => ['structure.row-shape', 'structure.missing-row', 'structure.unreadable-table'].includes(f.rule)).flatMap((f) => f.cells));
    expect(missing.filter((id) => !reported.has(id))).toEqual([]);
    expect(Object.keys(r.draft.cells).length).toBeGreaterThan(catalogue(base.format!).tables.t3.length);
  });

  it('as Markdown (the project renderer: merged headers joined by 「·」, path labels) reads to the same draft', () => {
    const r = importReport({ name: 'report.md', text: renderReportMarkdown(base) });
    expect(r.kind).toBe('markdown');
    expect(r.draft.cells).toEqual(base.cells);
    expect(errors(r.findings)).toEqual([]);
  });

  it('as HTML (the project renderer, rowspan/colspan) reads to the same draft', () => {
    const r = importReport({ name: 'report.html', text: renderReportHtml(base) });
    expect(r.kind).toBe('html');
    expect(r.draft.cells).toEqual(base.cells);
    expect(r.draft).toMatchObject({ year: base.year, format: base.format, agency: { name: base.agency.name } });
  });
});

describe('corrupted copies', () => {
  const base = BASES['2021 (huaian-2024)'];
  const tab = writeReport(base, 'tab');
  const lineOf = (label: string) => tab.split('\n').findIndex((l) => l.includes(label));
  const replaceLine = (i: number, f: (l: string) => string | null) =>
    tab.split('\n').flatMap((l, k) => (k === i ? (f(l) === null ? [] : [f(l)!]) : [l])).join('\n');

  it('a digit changed: the row total and the column sums name that cell', () => {
    const i = lineOf('2.没有现成信息需要另行制作');
    const r = read(replaceLine(i, (l) => l.replace(/\t11\t/, '\t17\t')));
    expect(r.draft.cells['t3.unable.create.natural']).toBe('17');
    const f = allFindings(r);
    const rowTotal = byRule(f, 't3.row-total');
    expect(rowTotal).toHaveLength(1);
    expect(rowTotal[0]!.cells[0]).toBe('t3.unable.create.total');
    expect(rowTotal[0]!.cells).toContain('t3.unable.create.natural');
    expect(byRule(f, 't3.outcome-total').map((x) => x.cells[0])).toEqual(['t3.total.natural']);
  });

  it('a row dropped: structure.missing-row on that row, the others still read', () => {
    const r = read(replaceLine(lineOf('3.补正后申请内容仍不明确'), () => null));
    const m = byRule(r.findings, 'structure.missing-row');
    expect(m).toHaveLength(1);
    expect(m[0]!.cells).toContain('t3.unable.unclear.natural');
    expect(r.draft.cells['t3.unable.unclear.natural']).toBeUndefined();
    expect(r.draft.cells['t3.rejected.petition.natural']).toBe(base.cells['t3.rejected.petition.natural']);
  });

  it('a cell added: structure.row-shape on that row, which is left out', () => {
    const r = read(replaceLine(lineOf('1.信访举报投诉类申请'), (l) => `${l}\t9`));
    const s = byRule(r.findings, 'structure.row-shape');
    expect(s).toHaveLength(1);
    expect(s[0]!.cells[0]).toBe('t3.rejected.petition.natural');
    expect(r.draft.cells['t3.rejected.petition.natural']).toBeUndefined();
    expect(r.draft.cells['t3.rejected.repeat.natural']).toBe(base.cells['t3.rejected.repeat.natural']);
  });

  it('a cell missing: structure.row-shape', () => {
    const r = read(replaceLine(lineOf('2.重复申请'), (l) => l.replace(/\t0(?=\t)/, '')));
    expect(byRule(r.findings, 'structure.row-shape').map((f) => f.cells[0])).toEqual(['t3.rejected.repeat.natural']);
  });

  it('a run-together row whose digits fit no split is reported, not guessed', () => {
    const r = read(replaceLine(lineOf('2.重复申请'), (l) => l.replace(/\t/g, '').replace(/^(\D+)/, '$1\t') + '9'));
    const s = byRule(r.findings, 'structure.row-shape');
    expect(s.map((f) => f.cells[0])).toEqual(['t3.rejected.repeat.natural']);
    expect(r.draft.cells['t3.rejected.repeat.natural']).toBeUndefined();
  });

  it('a 2019-format table in a 2021 report: format.year-mismatch, read in the 2019 format', () => {
    const old = BASES['2019 (weihai-hitech-office-2020)'];
    const text = writeReport(old, 'tab').replace(/2020年/g, '2022年');
    const r = read(text);
    expect(r.draft.year).toBe(2022);
    expect(r.draft.format).toBe('2019');
    expect(byRule(r.findings, 'format.year-mismatch')).toHaveLength(1);
    expect(r.draft.cells['t3.new.total']).toBe('7');
  });
});
