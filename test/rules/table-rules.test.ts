/** Every table rule of SPEC §6: a passing and a failing case, with the exact cells, expected and actual. */
import { describe, expect, it } from 'vitest';
import { checkTables, RULES, type Draft, type Finding, type RuleId } from '../../shared/index.js';
import { buildDraft, natural } from '../support/drafts.js';

const ok2021 = () => buildDraft({ year: 2024, t3: { new: natural(7), granted: natural(7), total: natural(7) } });
const ok2019 = () => buildDraft({ year: 2020, t3: { new: natural(7), granted: natural(7), total: natural(7) } });

function edit(d: Draft, cells: Record<string, string | null>): Draft {
  const next = { ...d, cells: { ...d.cells } };
  for (const [id, v] of Object.entries(cells)) {
    if (v === null) delete next.cells[id];
    else next.cells[id] = v;
  }
  return next;
}

const only = (fs: Finding[], rule: RuleId) => fs.filter((f) => f.rule === rule);

interface Case {
  rule: RuleId;
  pass: () => [Draft, Draft?];
  fail: () => [Draft, Draft?];
  /** The findings of `rule` on the failing draft: cells (in order), expected, actual, and words of the message. */
  expect: { cells: string[]; expected?: number; actual?: number; says: string[] }[];
}

const CASES: Case[] = [
  {
    rule: 't3.balance',
    pass: () => [ok2021()],
    fail: () => [edit(ok2021(), { 't3.carry-forward.natural': '1', 't3.carry-forward.total': '1' })],
    expect: [
      { cells: ['t3.total.natural', 't3.carry-forward.natural', 't3.new.natural', 't3.carried.natural'], expected: 7, actual: 8, says: ['自然人', '应为 7', '实为 8'] },
      { cells: ['t3.total.total', 't3.carry-forward.total', 't3.new.total', 't3.carried.total'], expected: 7, actual: 8, says: ['总计', '应为 7', '实为 8'] },
    ],
  },
  {
    rule: 't3.row-total',
    pass: () => [ok2021()],
    fail: () => [edit(ok2021(), { 't3.new.total': '8' })],
    expect: [{
      cells: ['t3.new.total', 't3.new.natural', 't3.new.commercial', 't3.new.research', 't3.new.nonprofit', 't3.new.legal', 't3.new.other'],
      expected: 7, actual: 8, says: ['一、本年新收政府信息公开申请数量·总计 应为 7', '实为 8'],
    }],
  },
  {
    rule: 't3.outcome-total',
    pass: () => [ok2019()],
    fail: () => [edit(ok2021(), { 't3.total.natural': '8', 't3.total.total': '8', 't3.new.natural': '8', 't3.new.total': '8' })],
    expect: [
      { cells: expect.arrayContaining(['t3.total.natural', 't3.granted.natural', 't3.other.other.natural']) as unknown as string[], expected: 7, actual: 8, says: ['三、本年度办理结果（七）总计·自然人 应为 7（＝各办理结果之和），实为 8'] },
      { cells: expect.arrayContaining(['t3.total.total', 't3.granted.total']) as unknown as string[], expected: 7, actual: 8, says: ['（七）总计·总计 应为 7'] },
    ],
  },
  {
    rule: 't4.group-total',
    pass: () => [buildDraft({ year: 2024, t4: { review: [1, 0, 2, 0, 3] } })],
    fail: () => [buildDraft({ year: 2023, t4: { review: [10, 1, 0, 0, 0], 'suit-after-review': [5, 0, 0, 0, 0] } })],
    expect: [
      { cells: ['t4.review.total', 't4.review.upheld', 't4.review.corrected', 't4.review.other', 't4.review.pending'], expected: 11, actual: 0, says: ['行政复议·总计 应为 11', '实为 0'] },
      { cells: ['t4.suit-after-review.total', 't4.suit-after-review.upheld', 't4.suit-after-review.corrected', 't4.suit-after-review.other', 't4.suit-after-review.pending'], expected: 5, actual: 0, says: ['复议后起诉', '应为 5'] },
    ],
  },
  {
    rule: 'cell.not-a-count',
    pass: () => [edit(ok2021(), { 't2.rules.issued': '３' })],
    fail: () => [edit(ok2021(), { 't2.rules.issued': '-3', 't4.review.upheld': '1.5', 't3.new.legal': '若干' })],
    expect: [
      { cells: ['t2.rules.issued'], says: ['规章·本年制发件数', '“-3”'] },
      { cells: ['t3.new.legal'], says: ['法律服务机构', '“若干”', '不是数字'] },
      { cells: ['t4.review.upheld'], says: ['行政复议·结果维持', '“1.5”'] },
    ],
  },
  {
    rule: 'cell.not-a-number',
    pass: () => [edit(ok2019(), { 't2.services.delta': '+1', 't2.penalty.delta': '-1', 't2.procurement.amount': '146.2243' })],
    fail: () => [edit(ok2019(), { 't2.services.delta': '1.5', 't2.procurement.amount': '-3' })],
    expect: [
      { cells: ['t2.services.delta'], says: ['其他对外管理服务事项·本年增/减', '“1.5”', '整数'] },
      { cells: ['t2.procurement.amount'], says: ['政府集中采购·采购总金额', '“-3”'] },
    ],
  },
  {
    rule: 't2.stock',
    pass: () => [buildDraft({ year: 2024, t2: { normative: [88, 55, 698] } })],
    fail: () => [buildDraft({ year: 2024, t2: { normative: [10, 2, 5] } })],
    expect: [{ cells: ['t2.normative.in-force', 't2.normative.issued', 't2.normative.repealed'], expected: 8, actual: 5, says: ['行政规范性文件·现行有效件数 为 5', '不应小于 8'] }],
  },
  {
    rule: 't2.stock',
    pass: () => [buildDraft({ year: 2020, t2: { penalty: [2, '-1', 0] } })],
    fail: () => [buildDraft({ year: 2020, t2: { penalty: [2, '-3', 0] } })],
    expect: [{ cells: ['t2.penalty.prev', 't2.penalty.delta'], expected: 0, actual: -1, says: ['行政处罚·上一年项目数量加本年增/减 为 -1'] }],
  },
  {
    rule: 't2.published-vs-total',
    pass: () => [buildDraft({ year: 2020, t2: { rules: [1, 1, 3] } })],
    fail: () => [buildDraft({ year: 2020, t2: { normative: [4, 4, 3] } })],
    expect: [{ cells: ['t2.normative.total', 't2.normative.published'], expected: 4, actual: 3, says: ['规范性文件·对外公开总数量 为 3'] }],
  },
  {
    rule: 'format.unsupported-year',
    pass: () => [ok2019()],
    fail: () => [{ ...ok2019(), year: 2018, format: undefined }],
    expect: [{ cells: [], says: ['2018', '不支持'] }],
  },
  {
    rule: 'format.year-mismatch',
    pass: () => [ok2021()],
    fail: () => [{ ...ok2019(), year: 2022 }],
    expect: [{ cells: [], says: ['2022 年度报告应使用 2021 年版格式', '2019 年版'] }],
  },
  {
    rule: 'format.mixed',
    pass: () => [ok2021()],
    fail: () => [edit(ok2021(), { 't3.other.natural': '0', 't2.procurement.count': '1' })],
    expect: [{ cells: ['t3.other.natural', 't2.procurement.count'], says: ['2021 年版', 't3.other.natural'] }],
  },
  {
    rule: 'structure.missing-table',
    pass: () => [ok2021()],
    fail: () => [buildDraft({ year: 2024, omit: ['t4'] })],
    expect: [{ cells: [], says: ['缺少表格“四、政府信息公开行政复议、行政诉讼情况”'] }],
  },
  {
    rule: 'cell.blank',
    pass: () => [ok2021()],
    fail: () => [edit(ok2019(), { 't2.services.decisions': '', 't3.new.other': null, 't4.review.pending': '/' })],
    expect: [
      { cells: ['t2.services.decisions'], says: ['其他对外管理服务事项·处理决定数量 为空'] },
      { cells: ['t3.new.other'], says: ['一、本年新收政府信息公开申请数量·其他 为空'] },
      { cells: ['t4.review.pending'], says: ['“/”'] },
    ],
  },
  {
    rule: 'cell.unit',
    pass: () => [ok2021()],
    fail: () => [edit(ok2021(), { 't2.fees.amount': '7730.28万元' })],
    expect: [{ cells: ['t2.fees.amount'], says: ['行政事业性收费·本年收费金额（单位：万元）', '“万元”'] }],
  },
  {
    rule: 'carry.t3',
    pass: () => [buildDraft({ year: 2022, t3: { carried: natural(1), new: natural(74), granted: natural(75), total: natural(75) } }),
      buildDraft({ year: 2021, t3: { new: natural(70), granted: natural(69), total: natural(69), 'carry-forward': natural(1) } })],
    fail: () => [buildDraft({ year: 2022, t3: { new: natural(75), granted: natural(75), total: natural(75) } }),
      buildDraft({ year: 2021, t3: { new: natural(70), granted: natural(69), total: natural(69), 'carry-forward': natural(1) } })],
    expect: [
      { cells: ['t3.carried.natural'], expected: 1, actual: 0, says: ['二、上年结转政府信息公开申请数量·自然人 应为 1', '上年报告'] },
      { cells: ['t3.carried.total'], expected: 1, actual: 0, says: ['·总计 应为 1'] },
    ],
  },
  {
    rule: 'carry.in-force',
    pass: () => [buildDraft({ year: 2022, t2: { normative: [88, 55, 698] } }), buildDraft({ year: 2021, t2: { normative: [69, 3, 665] } })],
    fail: () => [buildDraft({ year: 2022, t2: { normative: [88, 55, 700] } }), buildDraft({ year: 2021, t2: { normative: [69, 3, 665] } })],
    expect: [{ cells: ['t2.normative.in-force', 't2.normative.issued', 't2.normative.repealed'], expected: 698, actual: 700, says: ['行政规范性文件·现行有效件数 应为 698', '实为 700'] }],
  },
  {
    rule: 'carry.items',
    pass: () => [buildDraft({ year: 2020, t2: { services: [4, 0, 1], rules: [0, 1, 6] } }), buildDraft({ year: 2019, t2: { services: [3, '+1', 1], rules: [0, 0, 5] } })],
    fail: () => [buildDraft({ year: 2020, t2: { services: [3, 0, 1], rules: [0, 1, 5] } }), buildDraft({ year: 2019, t2: { services: [3, '+1', 1], rules: [0, 0, 5] } })],
    expect: [
      { cells: ['t2.services.prev'], expected: 4, actual: 3, says: ['其他对外管理服务事项·上一年项目数量 应为 4'] },
      { cells: ['t2.rules.total', 't2.rules.published'], expected: 6, actual: 5, says: ['规章·对外公开总数量 应为 6'] },
    ],
  },
  {
    rule: 'plausibility.items-without-decisions',
    pass: () => [buildDraft({ year: 2020, t2: { services: [3, '+1', 2] } })],
    fail: () => [buildDraft({ year: 2020, t2: { services: [3, '+1', 0] } })],
    expect: [{ cells: ['t2.services.decisions', 't2.services.delta'], says: ['其他对外管理服务事项 本年增加 1 项'] }],
  },
  {
    rule: 'plausibility.procurement-without-amount',
    pass: () => [buildDraft({ year: 2020, t2: { procurement: [5, '146.2243'] } })],
    fail: () => [buildDraft({ year: 2020, t2: { procurement: [5, 0] } })],
    expect: [{ cells: ['t2.procurement.amount', 't2.procurement.count'], says: ['采购项目数量为 5'] }],
  },
];

describe.each(CASES)('$rule', ({ rule, pass, fail, expect: wanted }) => {
  it('passes a report that keeps it', () => {
    const [d, previous] = pass();
    expect(only(checkTables(d, previous ? { previous } : {}), rule)).toEqual([]);
  });

  it('names the cells, both numbers and the labels when broken', () => {
    const [d, previous] = fail();
    const found = only(checkTables(d, previous ? { previous } : {}), rule);
    expect(found).toHaveLength(wanted.length);
    found.forEach((f, i) => {
      const w = wanted[i]!;
      expect(f.severity).toBe(RULES[rule].severity);
      expect(f.cells).toEqual(w.cells);
      expect(f.expected).toBe(w.expected);
      expect(f.actual).toBe(w.actual);
      for (const words of w.says) expect(f.message).toContain(words);
    });
  });
});

describe('the rule catalogue', () => {
  it('every table rule the evaluator judges has a case here (the importer’s own rules are tested in test/import)', () => {
    const judgedElsewhere = new Set(['structure.row-shape', 'structure.missing-row', 'structure.unreadable-table', 'structure.extra-row', 'structure.heading', 'text.artifact']);
    const tableRules = (Object.keys(RULES) as RuleId[]).filter(
      (r) => !judgedElsewhere.has(r) && !r.startsWith('narrative.') && !r.startsWith('meta.'),
    );
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(tableRules));
  });

  it('every rule has a severity and a Chinese title', () => {
    for (const [id, r] of Object.entries(RULES)) {
      expect(['error', 'warning', 'info'], id).toContain(r.severity);
      expect(r.title, id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a sum with a blank part is not checked and the blank is reported once', () => {
    const d = edit(ok2021(), { 't3.new.natural': '', 't3.new.total': '9' });
    const fs = checkTables(d);
    expect(fs.filter((f) => f.cells.includes('t3.new.natural') && f.rule !== 'cell.blank')).toEqual([]);
    expect(fs.filter((f) => f.rule === 'cell.blank')).toHaveLength(1);
  });

  it('carry rules are silent without last year’s report', () => {
    const d = buildDraft({ year: 2022, t3: { new: natural(75), granted: natural(75), total: natural(75) } });
    expect(checkTables(d).filter((f) => f.rule.startsWith('carry.'))).toEqual([]);
  });
});
