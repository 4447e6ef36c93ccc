/** narrative.missing-part, narrative.empty, narrative.fees, text.artifact, meta.*: a passing and a failing case each. */
import { describe, expect, it } from 'vitest';
import { narrativeParts, type Draft } from '../../shared/index.js';
import { checkAnswer, checkNarrative, MIN_ANSWER_CHARS } from '../../shared/narrative/index.js';
import { buildDraft } from '../support/drafts.js';

const PREAMBLE = '本报告根据《条例》编制。报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。如有疑问请联系（地址：某市某路1号，邮编：223001，电话：0517-83605210）。';
const FULL: Record<string, string> = {
  preamble: PREAMBLE,
  'overview.proactive': '全年主动公开政府信息1200余条。',
  'overview.requests': '全年共收到政府信息公开申请0件。',
  'overview.management': '严格执行先审查后公开制度。',
  'overview.platform': '优化门户网站政府信息公开专栏。',
  'overview.oversight': '组织业务培训2次。',
  'problems.issues': '一是政策解读形式较为单一；二是部分栏目更新不及时。',
  'problems.measures': '下一步将增加图解、视频等解读形式，建立栏目周检查制度。',
  'other.fees': '本年度未收取信息处理费。',
};

const draft = (narrative: Record<string, string>, year = 2024, level: 'department' | 'government' = 'department'): Draft => {
  const d = buildDraft({ year, narrative });
  return { ...d, agency: { ...d.agency, level } };
};
const rules = (d: Draft) => checkNarrative(d).map((f) => f.rule);
const without = (...ids: string[]) => Object.fromEntries(Object.entries(FULL).filter(([k]) => !ids.includes(k)));

describe('a complete narrative', () => {
  it('gives no finding', () => {
    expect(checkNarrative(draft(FULL))).toEqual([]);
  });
  it('a draft without any narrative (tables only) gives no narrative finding', () => {
    expect(checkNarrative(draft({}))).toEqual([]);
  });
});

describe('narrative.missing-part', () => {
  it('names each overview part of the format that is absent or blank', () => {
    const found = checkNarrative(draft({ ...without('overview.platform'), 'overview.oversight': '  \n' }));
    expect(found.filter((f) => f.rule === 'narrative.missing-part').map((f) => f.message)).toEqual([
      expect.stringContaining('（四）政府信息公开平台建设'), expect.stringContaining('（五）监督保障'),
    ]);
  });
  it('asks government-level 2021 reports for 工作考核、社会评议和责任追究, departments not', () => {
    expect(rules(draft(FULL, 2024, 'government'))).toEqual(['narrative.missing-part']);
    expect(checkNarrative(draft(FULL, 2024, 'government'))[0]!.message).toContain('工作考核、社会评议和责任追究');
    expect(rules(draft(FULL, 2024, 'department'))).toEqual([]);
  });
  it('counts a part abridged as 「[…]」 as present', () => {
    expect(rules(draft({ ...FULL, 'overview.management': '[…]' }))).toEqual([]);
  });
});

describe('narrative.empty (五)', () => {
  it.each([
    ['empty', { 'problems.issues': '', 'problems.measures': '' }, '没有内容'],
    ['「无」', { 'problems.issues': '无。', 'problems.measures': '' }, '只写了“无。”'],
    ['labelled 「无」', { 'problems.issues': '存在的主要问题：无。改进情况：无。', 'problems.measures': '' }, '只写了'],
    ['only boilerplate', { 'problems.issues': '我单位将继续严格按照《条例》要求，认真做好政府信息公开工作。', 'problems.measures': '' }, '只有套话'],
    ['problems without measures', { 'problems.issues': '政策解读形式较为单一，栏目更新不及时。', 'problems.measures': '' }, '没有写改进措施'],
  ])('reports 五 that is %s', (_what, parts, words) => {
    const found = checkNarrative(draft({ ...FULL, ...parts })).filter((f) => f.rule === 'narrative.empty');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(words);
  });
  it('accepts 五 written as one part (not split into problems and measures)', () => {
    expect(rules(draft({ ...without('problems.measures'), 'problems.issues': FULL['problems.issues']! + FULL['problems.measures']! }))).toEqual([]);
  });
});

describe('narrative.fees (2021 format)', () => {
  it.each([
    ['未收取', '本年度未收取信息处理费。'],
    ['an amount', '全年收取政府信息公开信息处理费 3940 元。'],
    ['zero yuan', '全年收取政府信息公开信息处理费 0 元。'],
    ['无收取', '2021年，无收取信息处理费情况。'],
  ])('accepts 六 stating %s', (_what, text) => {
    expect(rules(draft({ ...FULL, 'other.fees': text }))).toEqual([]);
  });
  it('reports 六 that does not mention the fee', () => {
    const found = checkNarrative(draft({ ...without('other.fees'), 'other.misc': '无。' }));
    expect(found.map((f) => f.rule)).toEqual(['narrative.fees']);
  });
  it('reports 六 that mentions the fee without amount or 未收取', () => {
    const [f] = checkNarrative(draft({ ...FULL, 'other.fees': '严格落实《政府信息公开信息处理费管理办法》。' }));
    expect(f).toMatchObject({ rule: 'narrative.fees' });
    expect(f!.message).toContain('未写明收取金额');
  });
  it('does not ask 2019-format reports for it', () => {
    const text = { ...without('other.fees'), preamble: PREAMBLE.replaceAll('2024', '2020'), 'other.misc': '无。' };
    expect(rules(draft(text, 2020))).toEqual([]);
  });
});

describe('text.artifact', () => {
  it.each([
    ['web-page metadata', '一是提高质量。\n索引号\t11371000004359440C/2020-01027\t公开方式\t主动公开\n发布日期: 2020-08-17 13:56\n访问次数:47', '网页信息'],
    ['an image placeholder', '全年公开信息1200条。[image: 图表1 公开数量]', '图片占位符'],
    ['a page number', '全年主动公开政府信息1200余条，通过门户网站\n                -2-\n发布信息800条。', '页码'],
    ['a word split by a page break', '三是强化主动公开。积极按照上级要求，对公开时限、标准等予以明确。动态\n\n调整主动公开目录，确保了政务公开质量。', '“…等予以明确。动态｜调整主动公开目录…”'],
  ])('reports %s', (_what, text, words) => {
    const found = checkNarrative(draft({ ...FULL, 'overview.proactive': text })).filter((f) => f.rule === 'text.artifact');
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.message).join('\n')).toContain(words);
    expect(found[0]!.message).toContain('一、总体情况（一）主动公开');
  });
  it.each([
    ['a heading line before its paragraph', '（一）政府信息公开组织领导和制度建设情况\n\n进一步完善了领导体系。'],
    ['paragraphs that end their sentences', '全年主动公开政府信息1200条。\n\n通过政务新媒体发布信息800条。'],
    ['发布 in a sentence', '通过发布机构调整公告，明确了发布日期要求。'],
    ['an abridgement mark', '全年主动公开政府信息2645条，[…]对29项政策文件进行解读。'],
  ])('leaves %s alone', (_what, text) => {
    expect(checkNarrative(draft({ ...FULL, 'overview.proactive': text })).filter((f) => f.rule === 'text.artifact')).toEqual([]);
  });
});

describe('meta.*', () => {
  it('meta.contact lists what of address, postcode, phone is missing', () => {
    const [f] = checkNarrative(draft({ ...FULL, preamble: '报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。如有疑问请联系（地址：某市某路1号）。' }));
    expect(f).toMatchObject({ rule: 'meta.contact', severity: 'info' });
    expect(f!.message).toContain('邮编、电话');
  });
  it('meta.contact takes the agency fields of the draft', () => {
    const d = draft({ ...FULL, preamble: '报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。' });
    expect(rules({ ...d, agency: { ...d.agency, address: '某路1号', postcode: '223001', phone: '0517-83605210' } })).toEqual([]);
  });
  it('meta.contact reads contact details broken up by spaces (pdftotext)', () => {
    expect(rules(draft({ ...FULL, preamble: PREAMBLE.replace('邮编：223001，电话', '邮 编 ： 223001 ， 电 话') }))).toEqual([]);
  });
  it.each([
    ['another year', PREAMBLE.replace('自2024年1月1日起至2024年12月31日', '自2023年1月1日起至2023年12月31日'), '2023年1月1日'],
    ['a part of the year', PREAMBLE.replace('至2024年12月31日', '至2024年11月30日'), '11月30日'],
    ['no period at all', PREAMBLE.replace(/报告中所列数据的统计期限[^。]+。/u, ''), '未写明数据的统计期限'],
  ])('meta.period reports %s', (_what, preamble, words) => {
    const [f] = checkNarrative(draft({ ...FULL, preamble }));
    expect(f).toMatchObject({ rule: 'meta.period', severity: 'info' });
    expect(f!.message).toContain(words);
  });
  it.each([
    ['2025年1月31日', []], ['二〇二五年三月三十一日', []], ['2025年4月2日', ['meta.date']], ['2024年12月30日', ['meta.date']],
  ])('meta.date on a signature dated %s', (date, expected) => {
    expect(rules(draft({ ...FULL, 'other.misc': `无。\n某某区人民政府办公室\n\n${date}` }))).toEqual(expected);
  });
});

describe('checkAnswer (one answer of the bot)', () => {
  const d = draft({});
  it('reports an empty required part, and not an empty optional one', () => {
    expect(checkAnswer('overview.platform', '', d)).toMatchObject([{ rule: 'narrative.missing-part' }]);
    expect(checkAnswer('problems.issues', ' ', d)).toMatchObject([{ rule: 'narrative.empty' }]);
    expect(checkAnswer('other.misc', '', d)).toEqual([]);
  });
  it('accepts 「无」 only where the part may be none', () => {
    const misc = narrativeParts('2021').find((p) => p.id === 'other.misc')!;
    expect(misc.mayBeNone).toBe(true);
    expect(checkAnswer('other.misc', '无。', d)).toEqual([]);
    expect(checkAnswer('problems.issues', '无', d)).toMatchObject([{ rule: 'narrative.empty' }]);
    expect(checkAnswer('overview.oversight', '暂无。', d)[0]!.message).toContain('不能只写“无”');
  });
  it('reports an answer that is too short', () => {
    const [f] = checkAnswer('overview.proactive', '已按要求公开。', d);
    expect(f).toMatchObject({ rule: 'narrative.missing-part' });
    expect(f!.message).toContain(`至少应有 ${MIN_ANSWER_CHARS} 个字`);
    expect(checkAnswer('overview.proactive', '全年通过门户网站主动公开政府信息1200余条，其中政策文件35件、政策解读40篇。', d)).toEqual([]);
  });
  it('reports boilerplate problems and a fee answer without amount', () => {
    expect(checkAnswer('problems.issues', '我单位将继续严格按照《条例》要求认真做好政府信息公开工作。', d)).toMatchObject([{ rule: 'narrative.empty' }]);
    expect(checkAnswer('other.fees', '严格落实信息处理费管理办法，规范收费行为。', d)).toMatchObject([{ rule: 'narrative.fees' }]);
    expect(checkAnswer('other.fees', '未收取信息处理费。', d)).toEqual([]);
  });
  it('reports pasted metadata in an answer', () => {
    expect(checkAnswer('overview.management', '严格执行先审查后公开制度，落实保密审查。\n访问次数:47', d)).toMatchObject([{ rule: 'text.artifact' }]);
  });
  it('checks the preamble for contact and period', () => {
    expect(checkAnswer('preamble', PREAMBLE, d)).toEqual([]);
    expect(checkAnswer('preamble', '', d).map((f) => f.rule)).toEqual(['meta.contact', 'meta.period']);
  });
  it('gives nothing for a part id the format does not have', () => {
    expect(checkAnswer('overview.unknown', '', d)).toEqual([]);
  });
});

describe('checkNarrative with parts', () => {
  it('limits the checks to the parts named', () => {
    const d = draft({ ...FULL, 'overview.platform': '', 'problems.issues': '无', 'problems.measures': '' });
    expect(checkNarrative(d, { parts: ['overview.proactive'] })).toEqual([]);
    expect(checkNarrative(d, { parts: ['problems.issues'] }).map((f) => f.rule)).toEqual(['narrative.empty']);
    expect(checkNarrative(d, { parts: ['overview.platform'] }).map((f) => f.rule)).toEqual(['narrative.missing-part']);
  });
});
