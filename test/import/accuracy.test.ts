/**
 * The accuracy targets over the generated corpus (./corpus.ts: every fixture in every meta shape and text
 * layout): ≥ 98% of cells identical, none wrong, the year right on every sample, the agency right on ≥ 90%.
 * The figures are printed; `npm run bench -- accuracy` prints the same with the misses.
 */
import { describe, expect, it } from 'vitest';
import { corpus, figures, measure, META_SHAPES } from './corpus.js';
import { TEXT_LAYOUTS } from './writers.js';
import { FIXTURE_NAMES } from './support.js';

describe('accuracy over the generated corpus', () => {
  const samples = corpus();
  const t = measure(samples);

  it('covers every fixture in every shape and layout', () => {
    console.log(Object.entries(figures(t)).map(([k, v]) => `${k}: ${v}`).join('\n'));
    for (const name of FIXTURE_NAMES) {
      const shapes = new Set(samples.filter((s) => s.fixture === name).map((s) => s.shape));
      for (const l of TEXT_LAYOUTS) expect(shapes).toContain(`layout: ${l}`);
      // Every meta shape applies to every fixture except 「no title, 统计期限」 where a report states no period.
      expect(shapes.size).toBeGreaterThanOrEqual(Object.keys(META_SHAPES).length - 1 + TEXT_LAYOUTS.length);
    }
  });

  it('reads no cell wrong and ≥ 98% of cells identical', () => {
    expect(t.failures.filter((f) => / t\d\.\S+ 读作/u.test(f))).toEqual([]);
    expect(t.wrong).toBe(0);
    expect(t.identical / t.cells).toBeGreaterThanOrEqual(0.98);
  });

  it('reports every cell it does not read', () => {
    expect(t.failures.filter((f) => f.includes('未读出'))).toEqual([]);
  });

  it('reads the year right on every sample', () => {
    expect(t.failures.filter((f) => f.includes('年度读作'))).toEqual([]);
  });

  it('finds all six section headings in every sample (heading variants included)', () => {
    expect(t.failures.filter((f) => f.includes('一级标题'))).toEqual([]);
  });

  it('reads the agency right on ≥ 90% of samples', () => {
    expect(t.agencyRight / t.samples).toBeGreaterThanOrEqual(0.9);
  });
});
