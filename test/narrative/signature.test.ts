import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../shared/index.js';
import { renderReportHtml, renderReportMarkdown } from '../../shared/render/report.js';
import { weihaiOffice2020 } from '../support/fixture-drafts.js';

describe('the draft\'s own 落款 (signature)', () => {
  it('meta.date when the date is outside January–March of the next year; the renderers print it', () => {
    const d = { ...weihaiOffice2020(), narrative: { 'overview.proactive': '全年主动公开政府信息1200条。' } };
    const late = checkDraft({ ...d, signature: { date: '2026-12-03' } }).filter((f) => f.rule === 'meta.date');
    expect(late.map((f) => f.message)).toEqual([expect.stringContaining('2026年12月3日')]);
    const ok = { ...d, signature: { date: '2021-01-20', agency: '威海火炬高技术产业开发区管理委员会' } };
    expect(checkDraft(ok).filter((f) => f.rule === 'meta.date')).toEqual([]);
    const md = renderReportMarkdown(ok, { date: new Date('2026-12-03T00:00:00Z') });
    expect(md.trimEnd().endsWith('威海火炬高技术产业开发区管理委员会  \n2021年1月20日')).toBe(true);
  });

  it('a draft is marked 草稿 in HTML, and a report is not', () => {
    const d = weihaiOffice2020();
    expect(renderReportHtml(d, { draft: true })).toContain('<p class="nb-draft">草稿 · 未定稿，不可发布</p>');
    expect(renderReportHtml(d, { draft: true })).toContain('<title>威海火炬高技术产业开发区党政办公室2020年政府信息公开工作年度报告（草稿）</title>');
    expect(renderReportHtml(d)).not.toContain('草稿');
  });
});
