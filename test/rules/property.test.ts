/** For random consistent drafts no error is reported; changing any one number of t3 or t4 names that cell. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, checkTables, FORMAT_IDS } from '../../shared/index.js';
import { consistentDraft, previousOf, rng } from '../support/generate.js';

describe.each(FORMAT_IDS)('format %s', (format) => {
  const tableCells = catalogue(format).cells.filter((c) => c.table === 't3' || c.table === 't4').map((c) => c.id);

  it('a consistent draft raises no finding, with or without last year’s report', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 100_000 }), (seed, scale) => {
      const d = consistentDraft(format, rng(seed), scale);
      expect(checkTables(d)).toEqual([]);
      expect(checkTables(d, { previous: previousOf(d) })).toEqual([]);
    }), { numRuns: 300 });
  });

  it('changing any one number of t3 or t4 yields an error naming that cell', () => {
    fc.assert(fc.property(fc.integer(), fc.constantFrom(...tableCells), fc.integer({ min: 1, max: 1000 }), (seed, id, delta) => {
      const d = consistentDraft(format, rng(seed));
      const changed = { ...d, cells: { ...d.cells, [id]: String(Number(d.cells[id]) + delta) } };
      const errors = checkTables(changed).filter((f) => f.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.some((f) => f.cells.includes(id))).toBe(true);
    }), { numRuns: 500 });
  });
});
