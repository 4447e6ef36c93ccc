/**
 * Label matching goes through one character normalisation (shared/import/normalize.ts): a fold plugged in there
 * (here 「處」→「处」「罰」→「罚」, as a Traditional → Simplified step would add) applies to every table label at once.
 */
import { describe, expect, it } from 'vitest';
import { importReport } from '../../shared/import/index.js';
import { addLabelFolds } from '../../shared/import/normalize.js';
import { huaian2024 } from '../support/fixture-drafts.js';
import { writeReport } from './writers.js';

describe('label folds', () => {
  const d = huaian2024();
  const text = writeReport(d, 'tab').replace(/处/g, '處').replace(/罚/g, '罰');

  it('without the folds 「行政處罰」 is not found; with them every cell reads as written, with no label warning', () => {
    const before = importReport({ name: 'r.txt', text });
    expect(before.draft.cells['t2.penalty.decisions']).toBeUndefined();
    addLabelFolds([['處', '处'], ['罰', '罚']]);
    const after = importReport({ name: 'r.txt', text });
    expect(after.draft.cells).toEqual(d.cells);
    expect(after.findings.filter((f) => f.rule.startsWith('structure.'))).toEqual([]);
  });
});
