/** narrative.figure: table-driven, each phrase once agreeing with the tables and once contradicting them. */
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkNarrative } from '../../shared/narrative/index.js';
import { buildDraft, natural } from '../support/drafts.js';

const tables2021 = () => buildDraft({
  year: 2024,
  t2: { rules: [1, 0, 11], normative: [8, 26, 66] },
  t3: {
    new: [3001, 53, 0, 0, 61, 4, 3119], carried: [34, 0, 0, 0, 0, 0, 34], granted: natural(1362), partial: natural(454),
    'denied.secret': natural(2), 'denied.law': natural(31), 'unable.none': natural(769), 'unable.create': natural(11),
    'rejected.petition': natural(62), 'rejected.repeat': natural(25), total: [2932, 53, 0, 0, 61, 4, 3050],
    'carry-forward': natural(103),
  },
  t4: { review: [72, 64, 178, 37, 351], 'suit-direct': [13, 4, 8, 1, 26], 'suit-after-review': [12, 1, 1, 6, 20] },
});

const figures = (text: string, part = 'overview.requests') =>
  checkNarrative({ ...tables2021(), narrative: { [part]: text } }).filter((f) => f.rule === 'narrative.figure');

/** [what the narrative says, the cells it describes, what the tables hold]: the statement as written agrees. */
const CASES: readonly [string, string, readonly string[], number][] = [
  ['共收到依申请公开信件{3119}件', 'received (信件)', ['t3.new.total'], 3119],
  ['全市共受理政府信息公开申请 {3119} 件，均已答复', 'received, pdftotext spacing', ['t3.new.total'], 3119],
  ['本年度共收到{3119}件申请', 'received, number first', ['t3.new.total'], 3119],
  ['收到申请3119件，其中自然人{3001}件', 'received from natural persons', ['t3.new.natural'], 3001],
  ['收到申请3119件，其中法人或其他组织{118}件', 'received from legal persons', ['t3.new.commercial', 't3.new.research', 't3.new.nonprofit', 't3.new.legal', 't3.new.other'], 118],
  ['答\n复 {3050} 件', 'answered, wrapped line', ['t3.total.total'], 3050],
  ['及时依法依规办结{3050}件', 'handled', ['t3.total.total'], 3050],
  ['（含上年度结转申请 {34} 件）', 'carried over from last year', ['t3.carried.total'], 34],
  ['另有 {103} 件顺延到下年度答复', 'carried forward (顺延)', ['t3.carry-forward.total'], 103],
  ['结转下年度继续办理的申请{103}件', 'carried forward, number after', ['t3.carry-forward.total'], 103],
  ['其中予以公开{1362}件', 'granted', ['t3.granted.total'], 1362],
  ['部分公开{454}件', 'partially granted', ['t3.partial.total'], 454],
  ['不予公开{33}件', 'denied, summed over the eight reasons', ['t3.denied.secret.total', 't3.denied.law.total', 't3.denied.safety.total', 't3.denied.third-party.total', 't3.denied.internal.total', 't3.denied.process.total', 't3.denied.enforcement.total', 't3.denied.query.total'], 33],
  ['无法提供{780}件', 'unable', ['t3.unable.none.total', 't3.unable.create.total', 't3.unable.unclear.total'], 780],
  ['不予处理{87}件', 'rejected', ['t3.rejected.petition.total', 't3.rejected.repeat.total', 't3.rejected.publication.total', 't3.rejected.excessive.total', 't3.rejected.confirm.total'], 87],
  ['政府信息公开行政复议 {351} 件', 'review total', ['t4.review.total'], 351],
  ['行政复议351件，其中结果维持{72}件', 'review upheld', ['t4.review.upheld'], 72],
  ['行政复议351件，其中结果维持72件，结果纠正{64}件', 'review corrected', ['t4.review.corrected'], 64],
  ['行政复议351件，其中结果维持72件，其他结果{178}件', 'review other', ['t4.review.other'], 178],
  ['行政复议351件，其中尚\n未审结 {37} 件', 'review pending', ['t4.review.pending'], 37],
  ['行政诉讼{46}件', 'suits: both groups summed', ['t4.suit-direct.total', 't4.suit-after-review.total'], 46],
  ['行政诉讼46件，其中结果维持{25}件', 'suits upheld across both groups', ['t4.suit-direct.upheld', 't4.suit-after-review.upheld'], 25],
  ['行政诉讼46件，其中尚未审结{7}件', 'suits pending across both groups', ['t4.suit-direct.pending', 't4.suit-after-review.pending'], 7],
  ['行政复议和行政诉讼案件共{397}件', 'review and suits together', ['t4.review.total', 't4.suit-direct.total', 't4.suit-after-review.total'], 397],
  ['集中公开现行有效行政规范性文件{66}件', 'in force: 规范性文件 alone', ['t2.normative.in-force'], 66],
  ['现行有效规章{11}件', 'in force: 规章', ['t2.rules.in-force'], 11],
  ['本年度制发的规范性文件{8}件', 'issued', ['t2.normative.issued'], 8],
  ['废止规范性文件{26}件', 'repealed', ['t2.normative.repealed'], 26],
];

describe('narrative.figure', () => {
  it.each(CASES)('%s (%s) agrees with the tables', (text) => {
    expect(figures(text.replace(/[{}]/g, ''))).toEqual([]);
  });

  it.each(CASES)('%s (%s) with another number names the cells, the table value and the stated one', (text, _what, cells, tableValue) => {
    const stated = tableValue + 5;
    const found = figures(text.replace(/\{\d+\}/, String(stated)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'narrative.figure', severity: 'warning', cells, expected: tableValue, actual: stated });
    expect(found[0]!.message).toContain(String(stated));
    expect(found[0]!.message).toContain(String(tableValue));
  });

  it('accepts a 现行有效 figure that counts 规章 and 规范性文件 together', () => {
    expect(figures('现行有效文件77件', 'overview.management')).toEqual([]);
    expect(figures('现行有效文件66件', 'overview.management')).toEqual([]);
    expect(figures('现行有效文件70件', 'overview.management')[0]).toMatchObject({ expected: 77, actual: 70 });
  });

  it('reads Chinese numerals and thousands separators', () => {
    expect(figures('共收到依申请公开信件3,119件')).toEqual([]);
    const d = buildDraft({ year: 2020, t3: { new: natural(7), total: natural(7) } });
    expect(checkNarrative({ ...d, narrative: { 'overview.requests': '共收到申请七件' } }).filter((f) => f.rule === 'narrative.figure')).toEqual([]);
    expect(checkNarrative({ ...d, narrative: { 'overview.requests': '共收到申请十二件' } }).find((f) => f.rule === 'narrative.figure')).toMatchObject({ expected: 7, actual: 12 });
  });

  it('says when the stated number is new plus carried over', () => {
    const [f] = figures('全区收到政府信息公开申请3153件');
    expect(f).toMatchObject({ cells: ['t3.new.total'], expected: 3119, actual: 3153 });
    expect(f!.message).toContain('本年新收与上年结转之和（3119＋34）');
  });

  it('says when the stated litigation count is one group only', () => {
    const [f] = figures('行政诉讼26件');
    expect(f).toMatchObject({ expected: 46, actual: 26 });
    expect(f!.message).toContain('未经复议直接起诉的总计');
  });

  it('keeps a narrower scope (区政府办代表区政府) a warning that names the scope', () => {
    const [f] = figures('2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。');
    expect(f).toMatchObject({ severity: 'warning', expected: 3119, actual: 17 });
    expect(f!.message).toContain('区政府办代表区政府');
  });

  it.each([
    ['备案 counts', '向市政府报送备案规范性文件5件，现行有效备案文件3件'],
    ['协助调查', '今年以来共办理依申请公开协助调查10件'],
    ['suggestions handled', '办结人大代表建议12件'],
    ['published, not issued', '全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件'],
    ['approximate figures', '主动公开政府信息5500余条'],
    ['unrelated counts', '截至目前，全市在运维政务新媒体共计 95 个'],
  ])('ignores %s', (_what, text) => {
    expect(figures(text, 'overview.proactive')).toEqual([]);
  });

  it('compares a statement of none with the tables', () => {
    expect(figures('2020年，我部未接到企业、群众提交的政府信息公开申请')[0]).toMatchObject({ cells: ['t3.new.total'], expected: 3119, actual: 0 });
    expect(figures('未发生因信息公开而导致的行政复议和行政诉讼案件').map((f) => f.cells)).toEqual([
      ['t4.review.total'], ['t4.suit-direct.total', 't4.suit-after-review.total'],
    ]);
    expect(figures('未发生行政复议被纠错的情况')).toEqual([]);
  });

  it('does not compare with a cell that is blank or not a number', () => {
    const d = tables2021();
    delete d.cells['t3.new.total'];
    expect(checkNarrative({ ...d, narrative: { 'overview.requests': '共收到申请5件' } }).filter((f) => f.rule === 'narrative.figure')).toEqual([]);
  });

  it('points out a claim of handling applications when there were none', () => {
    const d = buildDraft({ year: 2020 });
    const [f] = checkNarrative({ ...d, narrative: { 'overview.platform': '及时、全面、有效地主动公开政府信息，积极受理和回复政府信息公开申请。' } })
      .filter((x) => x.rule === 'narrative.figure');
    expect(f).toMatchObject({ severity: 'warning', cells: ['t3.new.total', 't3.carried.total'] });
    expect(f!.message).toContain('积极受理和回复政府信息公开申请');
    const busy = buildDraft({ year: 2020, t3: { new: natural(2), total: natural(2) } });
    expect(checkNarrative({ ...busy, narrative: { 'overview.platform': '积极受理和回复政府信息公开申请。' } })).not.toContainEqual(expect.objectContaining({ rule: 'narrative.figure' }));
  });

  it('checks a single answer of the bot against the draft tables', () => {
    const [f] = checkAnswer('overview.requests', '全年共收到政府信息公开申请3100件，均在法定期限内答复。', tables2021());
    expect(f).toMatchObject({ rule: 'narrative.figure', expected: 3119, actual: 3100 });
  });
});
