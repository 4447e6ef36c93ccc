/**
 * The real reports of ../shared/fixtures/reports, typed in by hand (the importer has its own tests that read the
 * files): their own numbers give the table findings that the fixtures README lists.
 */
import { describe, expect, it } from 'vitest';
import { checkTables, summarize, type Finding } from '../../shared/index.js';
import { buildDraft, natural } from '../support/drafts.js';

const rules = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

const zeros2019 = (agency: string) => buildDraft({ year: 2020, agency });

const weihaiOffice2020 = () => buildDraft({
  year: 2020, agency: '威海火炬高技术产业开发区党政办公室',
  t2: { services: [3, '+1', ''], penalty: [2, '-1', 0], coercion: [1, 0, 0], procurement: [5, '146.2243'] },
  t3: { new: [6, 1, 0, 0, 0, 0, 7], partial: [1, 1, 0, 0, 0, 0, 2], 'unable.none': natural(4), 'rejected.repeat': natural(1), total: [6, 1, 0, 0, 0, 0, 7] },
});

const pingtan2021 = () => {
  const d = buildDraft({
    year: 2021, agency: '平潭综合实验区',
    t2: { licensing: [2293], penalty: [1282], coercion: [42], fees: ['24252.311082'] },
    t3: {
      new: [64, 0, 0, 2, 0, 4, 70], granted: [27, 0, 0, 2, 0, 1, 30], partial: natural(5), 'denied.internal': natural(1),
      'denied.enforcement': natural(6), 'denied.query': natural(1), 'unable.none': [22, 0, 0, 0, 0, 3, 25],
      'other.other': natural(1), total: [63, 0, 0, 2, 0, 4, 69], 'carry-forward': natural(1),
    },
    t4: { review: [1, 0, 2, 0, 3], 'suit-direct': [12, 0, 0, 0, 12] },
  });
  // 「693665」 cannot be decoded: the importer leaves these three cells out.
  for (const c of ['issued', 'repealed', 'in-force']) delete d.cells[`t2.normative.${c}`];
  return d;
};

const pingtan2022 = () => buildDraft({
  year: 2022, agency: '平潭综合实验区',
  t2: { normative: [88, 55, 698], licensing: [10690], penalty: [2113], coercion: [0], fees: ['9116.36'] },
  t3: {
    new: [71, 3, 0, 0, 0, 0, 74], carried: natural(1), granted: natural(21), partial: [8, 1, 0, 0, 0, 0, 9],
    'denied.internal': natural(1), 'denied.process': natural(2), 'denied.enforcement': natural(1), 'unable.none': natural(37),
    'other.no-correction': natural(2), 'other.other': [0, 2, 0, 0, 0, 0, 2], total: [72, 3, 0, 0, 0, 0, 75],
  },
  t4: { review: [0, 1, 1, 0, 2], 'suit-direct': [1, 0, 0, 0, 1] },
});

const huaian2024 = () => buildDraft({
  year: 2024, agency: '淮安市人民政府',
  t2: { rules: [1, 0, 11], normative: [8, 26, 66], licensing: [447228], penalty: [3985758], coercion: [88283], fees: ['96171.6'] },
  t3: {
    new: [3001, 53, 0, 0, 61, 4, 3119], carried: natural(34), granted: [1288, 21, 0, 0, 50, 3, 1362], partial: [447, 7, 0, 0, 0, 0, 454],
    'denied.secret': natural(2), 'denied.law': [30, 1, 0, 0, 0, 0, 31], 'denied.safety': natural(5), 'denied.third-party': natural(6),
    'denied.internal': [7, 1, 0, 0, 0, 0, 8], 'denied.process': natural(12), 'denied.enforcement': natural(9), 'denied.query': natural(105),
    'unable.none': [746, 12, 0, 0, 10, 1, 769], 'unable.create': natural(11), 'unable.unclear': natural(1),
    'rejected.petition': [56, 6, 0, 0, 0, 0, 62], 'rejected.repeat': natural(25), 'rejected.confirm': natural(1),
    'other.no-correction': [67, 3, 0, 0, 1, 0, 71], 'other.no-fee': natural(6), 'other.other': [108, 2, 0, 0, 0, 0, 110],
    total: [2932, 53, 0, 0, 61, 4, 3050], 'carry-forward': natural(103),
  },
  t4: { review: [72, 64, 178, 37, 351], 'suit-direct': [13, 4, 8, 1, 26], 'suit-after-review': [12, 1, 1, 6, 20] },
});

/** hongze's （六）其他处理 is one row, the 2019 shape: in a draft that is the 2019 cell ids t3.other.*. */
function withSingleOtherRow(d: ReturnType<typeof buildDraft>) {
  for (const c of ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total']) {
    for (const r of ['no-correction', 'no-fee', 'other']) delete d.cells[`t3.other.${r}.${c}`];
    d.cells[`t3.other.${c}`] = '0';
  }
  return d;
}

const hongze2023 = () => withSingleOtherRow(buildDraft({
  year: 2023, agency: '洪泽区人民政府',
  t2: { normative: [0, 5, 5], licensing: [550], penalty: [4119], coercion: [195], fees: ['7730.28'] },
  t3: {
    new: natural(21), partial: natural(4), 'denied.secret': natural(1), 'denied.process': natural(1), 'denied.enforcement': natural(1),
    'unable.none': natural(10), 'unable.create': natural(3), 'rejected.petition': natural(1), total: natural(21),
  },
  t4: { review: [10, 1, 0, 0, 0], 'suit-after-review': [5, 0, 0, 0, 0] },
}));

const hongze2024 = () => withSingleOtherRow(buildDraft({
  year: 2024, agency: '洪泽区人民政府',
  t3: {
    new: natural(95), granted: natural(50), partial: natural(9), 'denied.safety': natural(1), 'denied.process': natural(1),
    'denied.enforcement': natural(1), 'unable.none': natural(31), 'unable.create': natural(1), 'rejected.petition': natural(1), total: natural(95),
  },
  t4: { review: [1, 1, 0, 0, 2], 'suit-direct': [1, 0, 0, 0, 1], 'suit-after-review': [2, 0, 1, 0, 3] },
}));

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
