/**
 * Two row labels on one line with the first row's figures after them — what a PDF gives when a table cell's wrapped
 * label runs into the next row's (a layout found printing the HTML rendering from Chromium): the figures may be
 * either row's, so neither row is read and both are reported; a figure in the wrong row is the one outcome not allowed.
 */
import { expect, it } from 'vitest';
import { importReport } from '../../shared/import/index.js';
import { huaian2024 } from '../support/fixture-drafts.js';
import { writeReport } from './writers.js';

it('two labels back to back: neither row takes the figures that follow, both are reported', () => {
  const draft = huaian2024();
  const lines = writeReport(draft, 'tab').split('\n');
  const granted = lines.findIndex((l) => l.includes('（一）予以公开'));
  const partial = lines.findIndex((l, k) => k > granted && l.includes('（二）部分公开'));
  const label = (l: string) => l.split('\t').filter((c) => !/^\d*$/u.test(c)).join('');
  const figures = (l: string) => l.split('\t').filter((c) => /^\d+$/u.test(c));
  const merged = [
    ...lines.slice(0, granted),
    [label(lines[granted]!) + label(lines[partial]!), ...figures(lines[granted]!)].join('\t'),
    ['三、本年度办理结果', ...figures(lines[partial]!)].join('\t'),
    ...lines.slice(partial + 1),
  ].join('\n');
  const r = importReport({ text: merged });
  const read = Object.keys(r.draft.cells).filter((k) => /^t3\.(granted|partial)\./u.test(k));
  expect(read).toEqual([]);
  for (const [k, v] of Object.entries(r.draft.cells)) expect(v, k).toBe(draft.cells[k]);
  const shapes = r.findings.filter((f) => f.rule === 'structure.row-shape').map((f) => f.message);
  expect(shapes.some((m) => m.includes('予以公开'))).toBe(true);
  expect(shapes.some((m) => m.includes('部分公开'))).toBe(true);
});
