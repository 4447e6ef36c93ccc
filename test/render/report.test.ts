import { describe, expect, it } from 'vitest';
import { checkTables, FORMATS, narrativeParts } from '../../shared/index.js';
import { renderReportCard } from '../../shared/render/card.js';
import { renderReportDocx } from '../../shared/render/docx.js';
import { DATE_PENDING, renderReportHtml, renderReportMarkdown } from '../../shared/render/report.js';
import { strFromU8, unzipSync } from 'fflate';
import { huaian2024, weihaiOffice2020 } from './drafts.js';

describe('renderReportMarkdown', () => {
  it('prints title, preamble, six official headings in order, part headings, tables and signature', () => {
    const draft = { ...huaian2024(), signature: { date: '2025-01-20' } };
    expect(checkTables(draft).filter((f) => f.severity === 'error')).toEqual([]);
    const md = renderReportMarkdown(draft);
    expect(md.startsWith('# 淮安市人民政府2024年政府信息公开工作年度报告\n')).toBe(true);
    const positions = FORMATS['2021'].sections.map((s) => md.indexOf(`## ${s.heading}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // government level: 一 carries 工作考核 as well
    for (const p of narrativeParts('2021', 'government').filter((p) => p.heading)) expect(md).toContain(`### ${p.heading}`);
    expect(md).toContain('全市共受理政府信息公开申请 3119 件');
    expect(md).toMatch(/\| 一、本年新收政府信息公开申请数量 \| 3001 \| 53 \| 0 \| 0 \| 61 \| 4 \| 3119 \|/);
    expect(md).toContain('| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |');
    expect(md.trimEnd().endsWith('淮安市人民政府  \n2025年1月20日')).toBe(true);
    // 五 comes before 六, and 六 holds the fee statement
    expect(md.indexOf('政策解读质量仍需提升')).toBeGreaterThan(md.indexOf('## 五、'));
    expect(md.indexOf('3940 元')).toBeGreaterThan(md.indexOf('## 六、'));
  });

  it('department level 2019: no 工作考核 part, the 2019 t2 blocks, unanswered parts visible', () => {
    const draft = weihaiOffice2020();
    const md = renderReportMarkdown(draft);
    expect(md).not.toContain('工作考核');
    expect(md).toContain('**第二十条第（九）项**');
    expect(md).toContain('| 政府集中采购 | 5 | 146.2243 |');
    expect(md).toContain('| 其他对外管理服务事项 | 3 | +1 | 0 |');
    const empty = { ...draft, narrative: {} };
    // a report shows the required parts that are missing; a draft shows every unanswered part and says 草稿
    expect(renderReportMarkdown(empty).match(/\*（未填写）\*/g)?.length).toBe(narrativeParts('2019', 'department').filter((p) => p.required).length);
    const asDraft = renderReportMarkdown(empty, { draft: true });
    expect(asDraft.match(/\*（未填写）\*/g)?.length).toBe(narrativeParts('2019', 'department').length);
    expect(asDraft.startsWith('> **草稿')).toBe(true);
    expect(renderReportMarkdown(empty)).not.toContain('草稿');
  });

  it('escapes Markdown in clerk text so it prints as typed', () => {
    const draft = { ...weihaiOffice2020(), narrative: { preamble: '# 不是标题 <img src=x onerror=alert(1)> *强调*\n1. 不是列表' } };
    const md = renderReportMarkdown(draft);
    expect(md).toContain('\\# 不是标题 &lt;img src=x onerror=alert(1)&gt; \\*强调\\*');
    expect(md).toContain('\n1\\. 不是列表');
    expect(md).not.toContain('<img');
  });

  it('「无」 after real content is not printed; a section with nothing gets one sentence; paragraphs and lists stay', () => {
    const base = weihaiOffice2020();
    const md = renderReportMarkdown({ ...base, narrative: {
      'overview.proactive': '第一段。\n第二段：\n1. 政策文件\n2. 政策解读', 'other.proposals': '无', 'other.misc': '无',
      'problems.issues': '一是解读形式单一。', 'problems.measures': '无',
    } });
    const six = md.slice(md.indexOf('## 六、'));
    expect(six).toContain('本年度无其他需要报告的事项。');
    expect(six.match(/无/g)).toHaveLength(1);
    const five = md.slice(md.indexOf('## 五、'), md.indexOf('## 六、'));
    expect(five).toContain('一是解读形式单一。');
    expect(five).not.toMatch(/\n无\n/);
    expect(md).toContain('第一段。\n\n第二段：\n\n1\\. 政策文件\n\n2\\. 政策解读');
  });
});

describe('renderReportHtml', () => {
  it('is a complete zh-CN document with the official headings and merged table headers', () => {
    const html = renderReportHtml({ ...huaian2024(), signature: { date: '2025-01-20' } });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<h1>淮安市人民政府2024年政府信息公开工作年度报告</h1>');
    for (const s of FORMATS['2021'].sections) expect(html).toContain(`<h2>${s.heading}</h2>`);
    expect(html).toContain('<h3>（一）主动公开</h3>');
    expect(html).toMatch(/<th rowspan="3" colspan="3" class="nb-note">（本列数据的勾稽关系为/);
    expect(html).toContain('data-cell="t3.new.total">3119</td>');
    expect(html).toContain('<p>2025年1月20日</p>');
  });

  it('escapes user text everywhere: agency name, narrative and cells', () => {
    const d = huaian2024();
    const evil = '<script>alert("x")</script>';
    const html = renderReportHtml({ ...d, agency: { ...d.agency, name: evil }, narrative: { ...d.narrative, 'other.misc': evil }, cells: { ...d.cells, 't3.new.natural': evil } });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(renderReportHtml(d, { fragment: true })).toMatch(/^<article class="nb-report">/);
  });
});

describe('the 落款 date (issue 9)', () => {
  // huaian2024 was last saved on 2025-01-20 and has no 落款 date of its own
  const unsigned = () => huaian2024();
  const renderers = {
    markdown: async (d: ReturnType<typeof huaian2024>, o: { draft?: boolean; date?: Date }) => renderReportMarkdown(d, o),
    html: async (d: ReturnType<typeof huaian2024>, o: { draft?: boolean; date?: Date }) => renderReportHtml(d, o),
    card: async (d: ReturnType<typeof huaian2024>, o: { draft?: boolean; date?: Date }) => JSON.stringify(renderReportCard(d, o)),
    docx: async (d: ReturnType<typeof huaian2024>, o: { draft?: boolean; date?: Date }) =>
      strFromU8(unzipSync(await renderReportDocx(d, o))['word/document.xml']!).replace(/<[^>]+>/g, ''),
  };

  it.each(Object.keys(renderers))('%s: a draft with no 落款 date says the date is pending, never the day it was saved', async (name) => {
    const render = renderers[name as keyof typeof renderers];
    const draft = await render(unsigned(), { draft: true });
    expect(draft).toContain(DATE_PENDING);
    expect(draft).not.toContain('2025年1月20日');
    // not a draft: the date line is left out, nothing made up
    const report = await render(unsigned(), {});
    expect(report).not.toContain('2025年1月20日');
    expect(report).not.toContain(DATE_PENDING);
    expect(report).toContain('淮安市人民政府');
  });

  it.each(Object.keys(renderers))('%s: the draft\'s own 落款 date wins, else the date the caller gives', async (name) => {
    const render = renderers[name as keyof typeof renderers];
    const signed = { ...unsigned(), signature: { agency: '淮安市人民政府', date: '2025-03-20' } };
    for (const draft of [true, false]) {
      const text = await render(signed, { draft, date: new Date('2025-02-03T12:00:00+08:00') });
      expect(text).toContain('2025年3月20日');
      expect(text).not.toContain(DATE_PENDING);
    }
    expect(await render(unsigned(), { draft: true, date: new Date('2025-02-03T12:00:00+08:00') })).toContain('2025年2月3日');
  });
});
