/**
 * The real reports of ../shared/fixtures/reports, their tables typed in by hand (test/support/fixture-drafts.ts): their
 * own numbers give the table findings that the fixtures README lists.
 */
import { describe, expect, it } from 'vitest';
import { checkTables, summarize, type Finding } from '../../shared/index.js';
import { hongze2023, hongze2024, huaian2024, pingtan2021, pingtan2022, weihaiOffice2020, zeros2019 } from '../support/fixture-drafts.js';

const rules = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

describe('fixture reports typed in by hand', () => {
  it('weihai-hitech-social-2020 and wendeng-tianfu-2020: every cell 0, no finding', () => {
    expect(checkTables(zeros2019('威海火炬高技术产业开发区社会工作部'))).toEqual([]);
    expect(checkTables(zeros2019('文登区天福街道办事处'))).toEqual([]);
  });

  it('weihai-hitech-office-2020: no errors; the blank 处理决定数量 is a cell.blank warning', () => {
    const fs = checkTables(weihaiOffice2020());
    expect(errors(fs)).toEqual([]);
    expect(fs.map((f) => [f.rule, f.cells[0]])).toEqual([['cell.blank', 't2.services.decisions']]);
  });

  it('pingtan-2021: t3 and t4 balance; the undecodable t2 row is three blanks, not a guess', () => {
    const fs = checkTables(pingtan2021());
    expect(errors(fs)).toEqual([]);
    expect(fs.map((f) => f.cells[0])).toEqual(['t2.normative.issued', 't2.normative.repealed', 't2.normative.in-force']);
  });

  it('pingtan-2022 after pingtan-2021: carry.t3 holds; carry.in-force cannot be judged without 2021’s undecodable row', () => {
    const fs = checkTables(pingtan2022(), { previous: pingtan2021() });
    expect(fs).toEqual([]);
  });

  it('pingtan-2022: carry.in-force holds when 2021’s normative row is read as 69/3/665', () => {
    const previous = pingtan2021();
    Object.assign(previous.cells, { 't2.normative.issued': '69', 't2.normative.repealed': '3', 't2.normative.in-force': '665' });
    expect(checkTables(pingtan2022(), { previous })).toEqual([]);
  });

  it('huaian-2024: a clean, consistent report', () => {
    expect(checkTables(huaian2024())).toEqual([]);
  });

  it('hongze-2023: the 2019-shaped （六）其他处理 is format.mixed; t4 totals are wrong in two groups', () => {
    const fs = checkTables(hongze2023());
    expect(rules(errors(fs))).toEqual(['format.mixed', 't4.group-total']);
    const t4 = fs.filter((f) => f.rule === 't4.group-total').map((f) => [f.cells[0], f.expected, f.actual]);
    expect(t4).toEqual([['t4.review.total', 11, 0], ['t4.suit-after-review.total', 5, 0]]);
    // The three 2021 rows are missing, so their cells are blank and 「（七）总计」 is not summed.
    expect(fs.filter((f) => f.rule === 't3.outcome-total')).toEqual([]);
  });

  it('hongze-2024 after hongze-2023: format.mixed again, t4 adds up, carry.t3 holds (0 → 0)', () => {
    const fs = checkTables(hongze2024(), { previous: hongze2023() });
    expect(rules(errors(fs))).toEqual(['format.mixed']);
    expect(fs.filter((f) => f.rule === 'carry.t3' || f.rule === 't4.group-total')).toEqual([]);
    expect(summarize(fs).errors).toBe(1);
  });
});
