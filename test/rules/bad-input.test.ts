/** Whatever JSON a draft is given: a clear schema error or a clear finding, never an exception. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTables, parseDraft, parseDraftJson } from '../../shared/index.js';

const base = { schema: 'nianbao.draft/1', year: 2024, agency: { name: '测试机关' }, cells: {}, narrative: {} };

describe('parsing a draft', () => {
  it.each([
    ['not an object', 42, '(根)'],
    ['wrong schema id', { ...base, schema: 'other/1' }, 'schema'],
    ['year as text', { ...base, year: '2024' }, 'year'],
    ['fractional year', { ...base, year: 2024.5 }, 'year'],
    ['unknown format', { ...base, format: '2030' }, 'format'],
    ['cells as a list', { ...base, cells: ['1'] }, 'cells'],
    ['a cell as an object', { ...base, cells: { 't3.new.natural': { v: 1 } } }, 'cells["t3.new.natural"]'],
    ['narrative as number', { ...base, narrative: { preamble: 5 } }, 'narrative.preamble'],
  ])('%s → an error naming %s', (_, input, path) => {
    const r = parseDraft(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path)).toContain(path);
      for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('an unknown cell id is an error with the closest id as a hint', () => {
    const r = parseDraft({ ...base, cells: { 't3.new.natrual': '1' } });
    expect(r).toEqual({ ok: false, errors: [{ path: 'cells["t3.new.natrual"]', message: expect.stringContaining('t3.new.natural') }] });
  });

  it('an unknown narrative part is an error', () => {
    const r = parseDraft({ ...base, narrative: { 'overview.foo': 'x' } });
    expect(r.ok).toBe(false);
  });

  it('broken JSON text is reported, not thrown', () => {
    const r = parseDraftJson('{"schema": "nianbao.draft/1", ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain('不是有效的 JSON');
  });

  it('numbers for cells are accepted as their text', () => {
    const r = parseDraft({ ...base, cells: { 't3.new.natural': 6 } });
    expect(r.ok && r.draft.cells['t3.new.natural']).toBe('6');
  });

  it('a byte-order mark is ignored', () => {
    expect(parseDraftJson('\uFEFF' + JSON.stringify(base)).ok).toBe(true);
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = parseDraft(v);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 500 });
  });

  it('never throws on drafts with arbitrary cell texts, and checking them never throws either', () => {
    const ids = ['t3.new.natural', 't3.new.total', 't2.fees.amount', 't2.rules.issued', 't4.review.total'];
    fc.assert(fc.property(
      fc.dictionary(fc.constantFrom(...ids), fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double().map(String), fc.bigInt().map(String))),
      fc.integer({ min: 1949, max: 9999 }),
      (cells, year) => {
        const r = parseDraft({ ...base, year, cells });
        expect(r.ok).toBe(true);
        if (r.ok) expect(Array.isArray(checkTables(r.draft))).toBe(true);
      },
    ), { numRuns: 500 });
  });
});

describe('odd cells give clear findings', () => {
  const draft = (cells: Record<string, string>) => {
    const r = parseDraft({ ...base, cells });
    if (!r.ok) throw new Error('fixture draft invalid');
    return r.draft;
  };

  it.each([
    ['99999999999999999999', 'cell.not-a-count', '数值过大'],
    ['1e5', 'cell.not-a-count', '“1e5”'],
    ['Infinity', 'cell.not-a-count', '“Infinity”'],
    ['0x10', 'cell.not-a-count', '“0x10”'],
    ['<script>', 'cell.not-a-count', '“<script>”'],
    ['无', 'cell.blank', '“无”'],
    ['５件', 'cell.unit', '“件”'],
  ])('%j in a count cell → %s', (raw, rule, words) => {
    const f = checkTables(draft({ 't3.new.natural': raw })).find((x) => x.cells[0] === 't3.new.natural');
    expect(f?.rule).toBe(rule);
    expect(f?.message).toContain(words);
  });

  it('huge consistent numbers are still added exactly', () => {
    const fs = checkTables(draft({ 't4.review.upheld': '4503599627370496', 't4.review.corrected': '1', 't4.review.other': '0', 't4.review.pending': '0', 't4.review.total': '4503599627370497' }));
    expect(fs.filter((f) => f.rule === 't4.group-total')).toEqual([]);
  });
});
