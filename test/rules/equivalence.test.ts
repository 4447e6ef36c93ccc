/**
 * The compiled evaluator (checkTables) against the interpretive reference (test/support/reference-rules.ts) on a
 * fixed corpus of generated drafts, consistent and broken: every finding the same, in the same order, with the same
 * rule, severity, message, cells and numbers. Also: checkDraft keeps its filtering of computed cells, and findings
 * are plain data once read (JSON, spread, structuredClone).
 */
import { describe, expect, it } from 'vitest';
import {
  catalogue, checkDraft, checkTables, FORMAT_IDS, type Draft, type Finding, type FormatId,
} from '../../shared/index.js';
import { consistentDraft, previousOf, rng } from '../support/generate.js';
import { referenceCheckTables } from '../support/reference-rules.js';

/** What a finding says, read through its public fields (so a lazily built message is read too). */
function plain(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule, severity: f.severity, message: f.message, cells: [...f.cells],
    hasNumbers: 'expected' in f && f.expected !== undefined, expected: f.expected, actual: f.actual,
  };
}

const ODD_VALUES = [
  '', ' ', '\u3000', '/', '-', '—', '无', '不适用', '12件', '3项', '5个', '1.5万元', '200元', '7万',
  '1,234', '12,345.5', '１２', '－３', '＋4', '-3', '+4', '-0', '3.5', '0.25', '.5', 'abc', '十二', '#VALUE!',
  ' 7 ', '7\u00a0', '9007199254740993', '1234567890123456', '00012', '0', '1e3', '-', '--', '——', '\\',
  '一二三四五六七八九十一二三四五六七八九十一二', 'x'.repeat(30), '5.0', '-12.50', '5.', '+-3', '-.5', '1.2.3',
  '0.12345678901234', '123456789012.345', '1234567890123.456', '+0.0', '-', '+', '.',
];

type Input = Pick<Draft, 'year' | 'format' | 'cells'>;

/** A corpus of drafts (with or without last year's) that reaches every table rule, consistent and broken. */
function corpus(seed: number, size: number): { d: Input; previous?: Input; label: string }[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const out: { d: Input; previous?: Input; label: string }[] = [];
  for (let n = 0; n < size; n++) {
    const format: FormatId = pick(FORMAT_IDS);
    const ids = catalogue(format).cells.map((c) => c.id);
    const base = consistentDraft(format, random, pick([1, 5, 50, 1000]));
    const cells: Record<string, string | number> = { ...base.cells };
    const mode = n % 10;
    const changes = 1 + Math.floor(random() * 6);
    for (let k = 0; k < changes; k++) {
      const id = pick(ids);
      const old = Number(cells[id]);
      switch (mode) {
        case 0: break; // consistent
        case 1: cells[id] = String(old + 1 + Math.floor(random() * 20)); break; // wrong sums
        case 2: cells[id] = String(Math.max(0, old - 1 - Math.floor(random() * 20))); break;
        case 3: cells[id] = pick(ODD_VALUES); break; // text, blanks, units, full width, separators
        case 4: delete cells[id]; break; // absent cells
        case 5: cells[id] = pick([-1, -5, 2.5, 0, 3, 1e20, Number.NaN, Number.POSITIVE_INFINITY, 17]); break; // numbers, not text
        case 6: { // signed deltas, amounts, stocks
          const t2 = ids.filter((x) => x.startsWith('t2.'));
          cells[pick(t2)] = pick(['-999', '-1', '+3', '0', '12.5', '-2.5', '0.00', '1000000', '-0.5', '+0', '3元', '5.0', '-7.00', '0.1', '-0', '+12.75']);
          break;
        }
        case 7: { // a whole table gone, or all of it blank
          const t = pick(['t2.', 't3.', 't4.']);
          const blank = random() < 0.5;
          for (const x of ids) if (x.startsWith(t)) blank ? (cells[x] = '') : delete cells[x];
          break;
        }
        case 8: { // the other format's cells, unknown ids
          const other = catalogue(format === '2019' ? '2021' : '2019').cells.map((c) => c.id).filter((x) => !ids.includes(x));
          cells[pick(other)] = '1';
          if (random() < 0.3) cells['t9.unknown.cell'] = '2';
          break;
        }
        case 9: cells[id] = String(old + (random() < 0.5 ? 1 : -1)); break;
      }
    }
    // Plausibility: items added with no decisions, purchases with no amount.
    if (random() < 0.15 && format === '2019') {
      cells['t2.licensing.delta'] = '+2';
      cells['t2.licensing.decisions'] = '0';
      cells['t2.procurement.count'] = '3';
      cells['t2.procurement.amount'] = pick(['0', '', '0.00', '无', 'abc', '-1', '12']);
    }
    const year = random() < 0.08 ? pick([2017, 2018, 2019, 2020, 2021, 2023, 2025]) : base.year;
    const d: Input = { year, ...(random() < 0.9 ? { format } : {}), cells: cells as Record<string, string> };
    let previous: Input | undefined;
    const p = random();
    if (p < 0.5) {
      const prev = previousOf(base);
      const pcells: Record<string, string | number> = { ...prev.cells };
      // Carry broken: last year's numbers off, blank, text or absent.
      if (random() < 0.6) {
        for (let k = 0; k < 4; k++) {
          const id = pick(ids);
          const r = random();
          if (r < 0.4) pcells[id] = String(Number(pcells[id]) + 1 + Math.floor(random() * 5));
          else if (r < 0.6) pcells[id] = pick(ODD_VALUES);
          else if (r < 0.8) delete pcells[id];
          else pcells[id] = pick([-2, 4, 1.5]);
        }
      }
      const pyear = random() < 0.1 ? pick([2016, 2018, 2019, 2020, 2021, 2024]) : prev.year;
      previous = { year: pyear, ...(random() < 0.8 ? { format: prev.format } : {}), cells: pcells as Record<string, string> };
    } else if (p < 0.6) {
      // Last year's report in the other format.
      const other: FormatId = format === '2019' ? '2021' : '2019';
      const o = consistentDraft(other, random);
      previous = { year: o.year, format: other, cells: o.cells };
    }
    out.push({ d, ...(previous ? { previous } : {}), label: `#${n} mode ${mode} ${format}` });
  }
  return out;
}

describe('compiled evaluator = interpretive reference', () => {
  const drafts = corpus(20261203, 3000);
  let wanted: Record<string, unknown>[][] | undefined;
  /** The reference's findings, computed once (it is slow on purpose). */
  const reference = () => (wanted ??= drafts.map(({ d, previous }) => referenceCheckTables(d, previous ? { previous } : {}).map(plain)));

  it('covers every table rule', { timeout: 120_000 }, () => {
    const rules = new Set(reference().flat().map((f) => f['rule']));
    for (const r of [
      't3.balance', 't3.row-total', 't3.outcome-total', 't4.group-total', 'cell.not-a-count', 'cell.not-a-number', 't2.stock',
      'format.mixed', 'format.year-mismatch', 'format.unsupported-year', 'structure.missing-table', 'cell.blank', 'cell.unit',
      't2.published-vs-total', 'carry.t3', 'carry.in-force', 'carry.items', 'plausibility.items-without-decisions',
      'plausibility.procurement-without-amount',
    ]) expect(rules, r).toContain(r);
  });

  it('gives the same findings on every draft, twice over (scratch state does not leak between checks)', { timeout: 120_000 }, () => {
    const want = reference();
    for (let round = 0; round < 2; round++) {
      for (const [n, { d, previous, label }] of drafts.entries()) {
        const got = checkTables(d, previous ? { previous } : {}).map(plain);
        if (JSON.stringify(got) !== JSON.stringify(want[n])) expect({ label, got }).toEqual({ label, got: want[n] });
      }
    }
  });

  it('findings read as plain data: JSON, spread and structuredClone keep the message', () => {
    const { d } = drafts.find(({ d }) => checkTables(d).some((f) => f.expected !== undefined))!;
    for (const f of checkTables(d)) {
      const json = JSON.parse(JSON.stringify(f)) as Finding;
      expect(plain(json)).toEqual(plain(f));
      expect(plain({ ...f })).toEqual(plain(f));
      expect(plain(structuredClone(f))).toEqual(plain(f));
      expect(Object.keys(f)).toEqual(Object.keys(json));
    }
  });

  it('checkDraft leaves out cell findings on computed cells only', { timeout: 60_000 }, () => {
    for (const { d, previous } of drafts.slice(0, 300)) {
      if (d.year < 2019) continue;
      const draft = { ...d, schema: 'nianbao.draft/1', agency: { name: '机关' }, narrative: {} } as Draft;
      const computed = new Set(Object.keys(d.cells).filter((k) => k.endsWith('.total')));
      const all = checkDraft(draft, previous ? { previous } : {});
      const kept = checkDraft(draft, { ...(previous ? { previous } : {}), computed });
      const cellRules = new Set(['cell.blank', 'cell.not-a-count', 'cell.not-a-number', 'cell.unit']);
      expect(kept.map(plain)).toEqual(all.filter((f) => !(cellRules.has(f.rule) && f.cells.every((c) => computed.has(c)))).map(plain));
    }
  });
});
