/**
 * Who and when: the agency and the year from every place a real report states them, each with its source said when
 * it is not the title; Traditional Chinese matched through its Simplified form and kept as written; heading variants
 * and a leftover template note. Inputs are the fixtures rewritten by ./corpus.ts.
 */
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { importReport } from '../../shared/import/index.js';
import { renderReportHtml } from '../../shared/render/report.js';
import { corpus, fixtureTruth } from './corpus.js';
import { byRule, fixtureBytes } from './support.js';

const samples = corpus();
const sample = (fixture: string, shape: string) => {
  const s = samples.find((x) => x.fixture === fixture && x.shape === shape);
  if (!s) throw new Error(`no sample ${fixture} · ${shape}`);
  return { ...s, r: importReport(s.input) };
};
const truth = fixtureTruth();

describe('agency', () => {
  it.each([
    ['title: year then name', 'huaian-2024', '淮安市人民政府'],
    ['title: split inside', 'weihai-hitech-office-2020', '威海火炬高技术产业开发区党政办公室'],
    ['title: flipbook prefix', 'wendeng-tianfu-2020', '文登区天福街道办事处'],
    ['no title, name in 「特编制」', 'hongze-2024', '洪泽区人民政府'],
    ['no title, name on the first line', 'pingtan-2021', '平潭综合实验区'],
    ['no title, name only in the signature', 'weihai-hitech-office-2020', '威海火炬高技术产业开发区党政办公室'],
    ['page <title> only', 'huaian-2024', '淮安市人民政府'],
  ])('%s (%s) gives %s', (shape, fixture, name) => {
    const { r } = sample(fixture, shape);
    expect(r.draft.agency.name).toBe(name);
    expect(byRule(r.findings, 'meta.agency')).toEqual([]);
  });

  it('a place named alone in the title (「沛县2024年…」) is the agency, at the government level', () => {
    const text = sample('huaian-2024', 'title: name then year').input.text!;
    const place = importReport({ text: text.replace(/^淮安市人民政府2024年度/u, '沛县2024年度') });
    expect(place.draft.agency).toMatchObject({ name: '沛县', level: 'government' });
    const body = importReport({ text: text.replace(/^淮安市人民政府2024年度/u, '2024年度淮安市') });
    expect(body.draft.agency.name).toBe('淮安市政府');
  });

  it('「本报告由××人民政府办公室…编制」 names the government whose report the office compiles', () => {
    const { r } = sample('hongze-2024', 'no title, 统计期限');
    expect(r.draft.agency).toMatchObject({ name: '淮安市洪泽区人民政府', level: 'government' });
  });

  it('never takes a sentence for a name: 「现将我单位…报告如下」 alone gives no name, and says so', () => {
    const { input } = sample('hongze-2023', 'no title, name only in the signature');
    // The same text without its signature: nothing names the agency.
    const text = input.text!.replace(/\n洪泽区人民政府\n\d{4}年1月25日\n$/u, '\n');
    const r = importReport({ text });
    expect(r.draft.agency.name).toBe('');
    expect(byRule(r.findings, 'meta.agency')).toHaveLength(1);
  });

  it('infers the level: 政府 for a people\'s government, a street office, a township', () => {
    expect(sample('wendeng-tianfu-2020', 'as published').r.draft.agency.level).toBe('government');
    expect(sample('weihai-hitech-office-2020', 'as published').r.draft.agency.level).toBe('department');
    const town = importReport({ text: sample('hongze-2023', 'title: name then year').input.text!.replace(/洪泽区人民政府2023/u, '洪泽区岔河镇2023') });
    expect(town.draft.agency).toMatchObject({ name: '洪泽区岔河镇', level: 'government' });
  });
});

describe('year', () => {
  it('from the statistics period when there is no title, and says so', () => {
    const { r } = sample('weihai-hitech-office-2020', 'no title, 统计期限');
    expect(r.draft.year).toBe(2020);
    expect(byRule(r.findings, 'meta.year').map((f) => f.message)).toEqual(['报告标题未写明年度，已按统计期限读作 2020 年']);
  });

  it('from the first 「20××年，」 of 一 when neither title nor period states it', () => {
    const { r } = sample('huaian-2024', 'no title, 「20××年，」 in 一');
    expect(r.draft.year).toBe(2024);
    expect(byRule(r.findings, 'meta.year')[0]!.message).toContain('“一、总体情况”的首句');
  });

  it('guessed only with a finding that says so', () => {
    const { input } = sample('huaian-2024', 'no title, 「20××年，」 in 一');
    const r = importReport({ text: input.text!.replace(/(?:19|20)\d{2}\s*年/gu, '今年') });
    expect(byRule(r.findings, 'meta.year')).toHaveLength(1);
    expect(byRule(r.findings, 'meta.year')[0]!.message).toContain(`暂按 ${r.draft.year} 年处理`);
  });

  it('from a saved web page whose only title is its <title>', () => {
    const base = sample('pingtan-2022', 'as published').r.draft;
    const html = renderReportHtml(base)
      .replace(/<title>[^<]*<\/title>/u, '<title>Page 8 - 平潭综合实验区2022年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区门户网站</title>')
      .replace(/<h1[^>]*>[\s\S]*?<\/h1>/u, '');
    const r = importReport({ name: 'page.html', text: html });
    expect(r.draft).toMatchObject({ year: 2022, agency: { name: '平潭综合实验区' } });
    expect(byRule(r.findings, 'meta.year')[0]!.message).toContain('网页标题');
  });

  it('from a page <title> with a flipbook prefix and the site after it', () => {
    const { r } = sample('pingtan-2022', 'page <title> only');
    expect(r.draft.year).toBe(2022);
    expect(byRule(r.findings, 'meta.year')[0]!.message).toContain('网页标题');
  });
});

describe('Traditional Chinese from a mirror site', () => {
  const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  // What the draft keeps is the Traditional text as written: converted back with OpenCC's own full converter it is
  // the Simplified reading, and it is not that reading itself.
  const back = OpenCC.Converter({ from: 'tw', to: 'cn' });
  it.each(['huaian-2024', 'pingtan-2021', 'weihai-hitech-social-2020'])('%s: same cells, headings and name matched, text kept as written', (fixture) => {
    const base = sample(fixture, 'as published').r;
    const { r } = sample(fixture, 'Traditional Chinese (mirror site)');
    expect(r.draft.cells).toEqual(base.draft.cells);
    expect(r.draft.year).toBe(truth[fixture]!.year);
    expect(r.draft.agency.name).toBe(tw(base.draft.agency.name));
    expect(r.headings.map((h) => h.section)).toEqual(base.headings.map((h) => h.section));
    expect(r.headings.map((h) => back(h.text))).toEqual(base.headings.map((h) => h.text));
    expect(Object.keys(r.draft.narrative).sort()).toEqual(Object.keys(base.draft.narrative).sort());
    for (const [id, t] of Object.entries(base.draft.narrative)) {
      expect(back(r.draft.narrative[id]!)).toBe(t);
      if (/[公开报告]/u.test(t)) expect(r.draft.narrative[id]).not.toBe(t);
    }
  });

  it('a Simplified report is left as it is', () => {
    const text = new TextDecoder().decode(fixtureBytes('hongze-2023'));
    expect(importReport({ text }).draft.narrative.preamble).toBe(sample('hongze-2023', 'as published').r.draft.narrative.preamble);
  });
});

describe('headings and template notes', () => {
  it('heading variants are matched with structure.heading, not reported missing', () => {
    const { r } = sample('huaian-2024', 'heading variants');
    expect(r.headings.filter((h) => !h.section.includes('.')).map((h) => h.section)).toEqual(['overview', 'proactive', 'requests', 'review', 'problems', 'other']);
    const msgs = byRule(r.findings, 'structure.heading').map((f) => f.message);
    expect(msgs.filter((m) => m.startsWith('未找到'))).toEqual([]);
    for (const h of ['二、行政机关主动公开政府信息情况', '四、因政府信息公开工作被申请行政复议提起行政诉讼情况', '五、政府信息公开工作存在的主要问题及改进情况']) {
      expect(msgs.some((m) => m.includes(`“${h}”`))).toBe(true);
    }
    expect(r.draft.cells).toEqual(sample('huaian-2024', 'as published').r.draft.cells);
  });

  it('a leftover 编写说明 is one text.artifact', () => {
    const { r } = sample('weihai-hitech-office-2020', '编写说明 left in');
    const notes = byRule(r.findings, 'text.artifact').filter((f) => f.message.includes('编写说明'));
    expect(notes).toHaveLength(1);
    expect(byRule(sample('weihai-hitech-office-2020', 'as published').r.findings, 'text.artifact').filter((f) => f.message.includes('编写说明'))).toEqual([]);
  });
});
