/**
 * Every real report of shared/fixtures/reports imports to the figures its README states, cell by cell, and gives
 * the table and import findings it lists (narrative findings belong to the narrative checks' own tests).
 */
import { describe, expect, it } from 'vitest';
import { catalogue, parseCell, parseDraft, type Draft } from '../../shared/index.js';
import { importReport } from '../../shared/import/index.js';
import { splitOverview } from '../../shared/import/narrative.js';
import { renderReportHtml, renderReportMarkdown } from '../../shared/render/report.js';
import { allFindings, byRule, errors, FIXTURE_NAMES, importFixture, nums, row } from './support.js';

const n7 = (v: number) => [v, 0, 0, 0, 0, 0, v];
const Z7 = n7(0);

/** Every cell of the tables reads as the number 0. */
function allZero(d: Draft) {
  const cells = catalogue(d.format!).cells;
  expect(cells.filter((c) => parseCell(d.cells[c.id]).value !== 0).map((c) => c.id)).toEqual([]);
}

describe('every fixture', () => {
  it.each(FIXTURE_NAMES)('%s gives a valid draft with year, agency and format from its title', (name) => {
    const r = importFixture(name);
    expect(parseDraft(r.draft).ok).toBe(true);
    expect(String(r.draft.year)).toBe(name.slice(-4));
    expect(r.draft.agency.name.length).toBeGreaterThan(2);
    expect(r.draft.format).toBe(r.draft.year >= 2021 ? '2021' : '2019');
    expect(r.headings.filter((h) => !h.section.includes('.')).length).toBe(6);
  });
});

describe('weihai-hitech-social-2020', () => {
  const r = importFixture('weihai-hitech-social-2020');
  it('reads every cell as 0 (「0　　」, 「　0」 and NBSP included)', () => allZero(r.draft));
  it('warns about the heading 「6、」', () => {
    const h = byRule(r.findings, 'structure.heading');
    expect(h.some((f) => f.message.includes('6、') && f.message.includes('六、其他需要报告的事项'))).toBe(true);
  });
  it('has no errors', () => expect(errors(allFindings(r))).toEqual([]));
  it('keeps the contact stated under 一 as the preamble', () => {
    expect(r.draft.agency).toMatchObject({ name: '威海火炬高技术产业开发区社会工作部', postcode: '264209' });
    expect(r.draft.narrative.preamble).toContain('统计时限');
  });
});

describe('wendeng-tianfu-2020', () => {
  const r = importFixture('wendeng-tianfu-2020');
  it('reads every cell as 0', () => allZero(r.draft));
  it('has no errors', () => expect(errors(allFindings(r))).toEqual([]));
  it('finds the sub-heading written without 「（一）」', () => {
    expect(r.headings).toContainEqual({ section: 'overview.proactive', text: '主动公开工作情况' });
    expect(r.draft.narrative['overview.requests']).toContain('未收到');
  });
  it('reads the 落款 closing 六 as the signature, not as text of 六, and a rendered report reads back the same', () => {
    expect(r.draft.signature).toEqual({ agency: '威海市文登区天福街道办事处', date: '2021-01-31' });
    expect(Object.values(r.draft.narrative).join('\n')).not.toContain('2021年1月31日');
    expect(r.draft.narrative['other.misc']).toBeUndefined();
    expect(r.draft.narrative['other.proposals']).toBe('2020年我单位未承办过人大建议和政协提案办理。');
    const again = importReport({ name: 'again.md', text: renderReportMarkdown(r.draft) }).draft;
    expect(again.signature).toEqual(r.draft.signature);
    expect(again.narrative).toEqual(r.draft.narrative);
  });
});

describe('a report without a 落款', () => {
  it('keeps a last paragraph that is a sentence, and sets no signature', () => {
    const r = importFixture('huaian-2024');
    expect(r.draft.signature).toBeUndefined();
    expect(r.draft.narrative['other.fees']).toContain('3940');
  });
});

describe('weihai-hitech-office-2020 (tab-separated, page breaks inside the table)', () => {
  const r = importFixture('weihai-hitech-office-2020');
  const d = r.draft;
  const f = allFindings(r);
  it('reads t3 as the README states', () => {
    expect(nums(d, 't3', 'new')).toEqual([6, 1, 0, 0, 0, 0, 7]);
    expect(nums(d, 't3', 'partial')).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(nums(d, 't3', 'unable.none')).toEqual(n7(4));
    expect(nums(d, 't3', 'rejected.repeat')).toEqual(n7(1));
    expect(nums(d, 't3', 'total')).toEqual([6, 1, 0, 0, 0, 0, 7]);
    const stated = new Set(['new', 'partial', 'unable.none', 'rejected.repeat', 'total']);
    for (const info of catalogue('2019').rows.filter((x) => x.table === 't3' && !stated.has(x.id))) expect(nums(d, 't3', info.id)).toEqual(Z7);
    expect(byRule(f, 't3.balance')).toEqual([]);
  });
  it('reads t2 with the signed deltas and the blank cell', () => {
    expect(row(d, 't2', 'services')).toEqual(['3', '+1', '']);
    expect(row(d, 't2', 'penalty')).toEqual(['2', '-1', '0']);
    expect(nums(d, 't2', 'coercion')).toEqual([1, 0, 0]);
    expect(row(d, 't2', 'procurement')).toEqual(['5', '146.2243']);
    expect(byRule(f, 'cell.blank').map((x) => x.cells)).toEqual([['t2.services.decisions']]);
  });
  it('reads t4 as all 0', () => {
    for (const g of ['review', 'suit-direct', 'suit-after-review']) expect(nums(d, 't4', g)).toEqual([0, 0, 0, 0, 0]);
  });
  it('leaves the pasted web page in 一 for the narrative checks', () => {
    expect(d.narrative['overview.proactive']).toContain('访问次数:47');
    expect(d.narrative['overview.requests']).toContain('共收到依申请公开信件7件');
  });
  it('has no errors', () => expect(errors(f)).toEqual([]));
});

describe('pingtan-2021 (crawler text, cells run together)', () => {
  const r = importFixture('pingtan-2021');
  const d = r.draft;
  const f = allFindings(r);
  it('decodes t3 by the row totals and column sums', () => {
    expect(nums(d, 't3', 'new')).toEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(nums(d, 't3', 'total')[6]).toBe(69);
    expect(nums(d, 't3', 'carry-forward')[6]).toBe(1);
    expect(byRule(f, 't3.balance')).toEqual([]);
  });
  it('decodes t4 by the group totals', () => {
    expect(nums(d, 't4', 'review')).toEqual([1, 0, 2, 0, 3]);
    expect(nums(d, 't4', 'suit-direct')).toEqual([12, 0, 0, 0, 12]);
    expect(nums(d, 't4', 'suit-after-review')).toEqual([0, 0, 0, 0, 0]);
  });
  it('reports the decoded tables as reconstructed (a warning)', () => {
    const w = byRule(r.findings, 'text.artifact');
    expect(w.some((x) => x.cells.includes('t3.new.natural'))).toBe(true);
    expect(w.some((x) => x.cells.includes('t4.review.total'))).toBe(true);
  });
  it('does not guess 「693665」: normative is undecodable (an error) and left out', () => {
    expect(row(d, 't2', 'normative')).toEqual([undefined, undefined, undefined]);
    const e = byRule(r.findings, 'structure.row-shape');
    expect(e).toHaveLength(1);
    expect(e[0]!.severity).toBe('error');
    expect(e[0]!.cells).toEqual(['t2.normative.issued', 't2.normative.repealed', 't2.normative.in-force']);
    expect(e[0]!.message).toContain('693665');
  });
  it('reads the single-cell t2 rows and the fee amount', () => {
    expect(row(d, 't2', 'fees')).toEqual(['24252.311082']);
    expect(nums(d, 't2', 'licensing')).toEqual([2293]);
  });
  it('puts 六 (no 信息处理费 collected) in other.fees', () => {
    expect(d.narrative['other.fees']).toContain('无收取信息处理费');
  });
});

describe('pingtan-2022', () => {
  const r = importFixture('pingtan-2022');
  const prev = importFixture('pingtan-2021');
  const d = r.draft;
  it('reads t3 and t4 as the README states', () => {
    expect(nums(d, 't3', 'carried')).toEqual(n7(1));
    expect(nums(d, 't3', 'total')[6]).toBe(75);
    expect(byRule(allFindings(r), 't3.balance')).toEqual([]);
    expect(nums(d, 't4', 'review')).toEqual([0, 1, 1, 0, 2]);
    expect(nums(d, 't4', 'suit-direct')).toEqual([1, 0, 0, 0, 1]);
  });
  it('carry.t3 holds with 2021 as the previous report', () => {
    expect(nums(d, 't3', 'carried')).toEqual(nums(prev.draft, 't3', 'carry-forward'));
    expect(byRule(allFindings(r, prev.draft), 'carry.t3')).toEqual([]);
  });
  it('does not guess 「8855698」 either; carry.in-force holds once the readings 665 and 88/55/698 are taken', () => {
    expect(row(d, 't2', 'normative')).toEqual([undefined, undefined, undefined]);
    expect(byRule(r.findings, 'structure.row-shape')[0]!.message).toContain('8855698');
    const taken = { ...d, cells: { ...d.cells, 't2.normative.issued': '88', 't2.normative.repealed': '55', 't2.normative.in-force': '698' } };
    const last = { ...prev.draft, cells: { ...prev.draft.cells, 't2.normative.in-force': '665' } };
    expect(byRule(allFindings({ ...r, draft: taken }, last), 'carry.in-force')).toEqual([]);
  });
  it('warns about the heading typo 「行政法复议」', () => {
    expect(byRule(r.findings, 'structure.heading').some((x) => x.message.includes('行政法复议'))).toBe(true);
  });
});

describe('huaian-2024 (pdftotext -layout)', () => {
  const r = importFixture('huaian-2024');
  const d = r.draft;
  it('reads t3 as the README states', () => {
    expect(nums(d, 't3', 'new')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(nums(d, 't3', 'carried')).toEqual([34, 0, 0, 0, 0, 0, 34]);
    expect(nums(d, 't3', 'total')).toEqual([2932, 53, 0, 0, 61, 4, 3050]);
    expect(nums(d, 't3', 'carry-forward')).toEqual([103, 0, 0, 0, 0, 0, 103]);
  });
  it('reads the rows with wrapped labels split by the merged group labels', () => {
    expect(nums(d, 't3', 'partial')).toEqual([447, 7, 0, 0, 0, 0, 454]);
    expect(nums(d, 't3', 'rejected.confirm')).toEqual(n7(1));
    expect(nums(d, 't3', 'other.no-correction')).toEqual([67, 3, 0, 0, 1, 0, 71]);
    expect(nums(d, 't3', 'other.no-fee')).toEqual(n7(6));
    expect(nums(d, 't3', 'other.other')).toEqual([108, 2, 0, 0, 0, 0, 110]);
  });
  it('reads t4 and t2 as the README states', () => {
    expect(nums(d, 't4', 'review')).toEqual([72, 64, 178, 37, 351]);
    expect(nums(d, 't4', 'suit-direct')).toEqual([13, 4, 8, 1, 26]);
    expect(nums(d, 't4', 'suit-after-review')).toEqual([12, 1, 1, 6, 20]);
    expect(nums(d, 't2', 'rules')).toEqual([1, 0, 11]);
    expect(nums(d, 't2', 'normative')).toEqual([8, 26, 66]);
    expect(nums(d, 't2', 'licensing')).toEqual([447228]);
    expect(nums(d, 't2', 'penalty')).toEqual([3985758]);
    expect(nums(d, 't2', 'coercion')).toEqual([88283]);
    expect(row(d, 't2', 'fees')).toEqual(['96171.6']);
  });
  it('is clean: no errors, no label warnings for 「1、」 or wrapped labels', () => {
    expect(errors(allFindings(r))).toEqual([]);
    expect(byRule(r.findings, 'structure.heading')).toEqual([]);
  });
  it('joins the wrapped narrative lines and reads the contact', () => {
    expect(d.narrative['overview.requests']).toContain('答复 3050 件');
    expect(d.narrative['other.fees']).toContain('3940 元');
    expect(d.agency).toMatchObject({ name: '淮安市人民政府', postcode: '223001', phone: '0517-83605210', email: 'hazwgkc@163.com', level: 'government' });
  });
});

describe('一\'s lead paragraph (overview.lead, issue 9)', () => {
  const d = importFixture('huaian-2024').draft;
  const lead = d.narrative['overview.lead']!;
  it('huaian-2024: the text of 一 before （一）主动公开 is the lead, and （一） keeps only its own body', () => {
    expect(lead).toMatch(/^2024 年，我市坚持以习近平新时代中国特色社会主义思想为指导/u);
    expect(lead).toMatch(/圆满完成了各项任务。$/u);
    expect(lead).not.toContain('（一）');
    expect(d.narrative['overview.proactive']).toMatch(/^2024 年，市政府网站主动公开各类政府信息 5500 余条/u);
    expect(d.narrative['overview.proactive']).not.toContain('习近平');
  });
  it('every fixture with text before its first sub-heading keeps it as the lead, never in （一）', () => {
    for (const name of ['hongze-2023', 'hongze-2024', 'pingtan-2021', 'pingtan-2022', 'wendeng-tianfu-2020']) {
      const n = importFixture(name).draft.narrative;
      expect(n['overview.lead'], name).toBeTruthy();
      // (pingtan-2022's abridged lead is 「[…]」 alone, which its （一） also holds.)
      if (n['overview.lead']!.length > 10) expect(n['overview.proactive']?.includes(n['overview.lead']!), name).toBe(false);
    }
  });
  it('a 一 that opens with （一） has no lead (weihai-hitech-office-2020)', () => {
    expect(importFixture('weihai-hitech-office-2020').draft.narrative['overview.lead']).toBeUndefined();
  });
  it('a 一 without any sub-heading stays in overview.proactive, as before (running text, not a lead)', () => {
    const split = splitOverview(['本年主动公开政府信息100条。', '全年收到申请3件，均按期答复。'], '2021', 'government');
    expect(split.parts).toEqual({ 'overview.proactive': '本年主动公开政府信息100条。\n全年收到申请3件，均按期答复。' });
  });
  it('import → render prints the lead right after 一、总体情况 and before （一）, and reads back the same', () => {
    const md = renderReportMarkdown(d);
    const at = md.indexOf(lead.slice(0, 20));
    expect(md.indexOf('## 一、总体情况')).toBeLessThan(at);
    expect(at).toBeLessThan(md.indexOf('### （一）主动公开'));
    const html = renderReportHtml(d);
    expect(html.indexOf('一、总体情况')).toBeLessThan(html.indexOf(lead.slice(0, 20)));
    expect(html.indexOf(lead.slice(0, 20))).toBeLessThan(html.indexOf('（一）主动公开'));
    for (const back of [importReport({ name: 'r.md', text: md }), importReport({ name: 'r.html', text: html })]) {
      expect(back.draft.narrative['overview.lead']).toBe(lead);
      expect(back.draft.narrative['overview.proactive']).toBe(d.narrative['overview.proactive']);
    }
  });
});

describe('hongze-2023', () => {
  const r = importFixture('hongze-2023');
  const f = allFindings(r);
  it('reports （六）其他处理 as a single row (the 2019 shape) as an error', () => {
    const e = errors(f).filter((x) => x.rule === 'format.mixed' || x.rule === 'structure.missing-row');
    expect(e.length).toBeGreaterThan(0);
    expect(e.some((x) => x.cells.some((c) => c.startsWith('t3.other')))).toBe(true);
  });
  it('matches the typo 「2.其他法律行政止公开」 to denied.law with a warning', () => {
    expect(byRule(r.findings, 'structure.heading').some((x) => x.message.includes('其他法律行政止公开') && x.severity === 'warning')).toBe(true);
    expect(nums(r.draft, 't3', 'denied.law')).toEqual(Z7);
  });
  it('t3 balances (21)', () => {
    expect(nums(r.draft, 't3', 'new')[6]).toBe(21);
    expect(nums(r.draft, 't3', 'total')[6]).toBe(21);
    expect(byRule(f, 't3.balance')).toEqual([]);
  });
  it('gives the two t4.group-total errors the README lists', () => {
    const g = byRule(f, 't4.group-total').map((x) => ({ cell: x.cells[0], expected: x.expected, actual: x.actual }));
    expect(g).toEqual([
      { cell: 't4.review.total', expected: 11, actual: 0 },
      { cell: 't4.suit-after-review.total', expected: 5, actual: 0 },
    ]);
  });
});

describe('hongze-2024', () => {
  const r = importFixture('hongze-2024');
  const f = allFindings(r, importFixture('hongze-2023').draft);
  it('reports the single-row （六）其他处理 as an error again', () => {
    expect(errors(f).some((x) => x.rule === 'format.mixed' || x.rule === 'structure.missing-row')).toBe(true);
  });
  it('reads t3 and t4 as the README states', () => {
    expect(nums(r.draft, 't3', 'new')).toEqual(n7(95));
    expect(nums(r.draft, 't3', 'total')[6]).toBe(95);
    expect(nums(r.draft, 't3', 'carry-forward')[6]).toBe(0);
    expect(byRule(f, 't3.balance')).toEqual([]);
    expect(nums(r.draft, 't4', 'review')).toEqual([1, 1, 0, 0, 2]);
    expect(nums(r.draft, 't4', 'suit-direct')).toEqual([1, 0, 0, 0, 1]);
    expect(nums(r.draft, 't4', 'suit-after-review')).toEqual([2, 0, 1, 0, 3]);
    expect(byRule(f, 't4.group-total')).toEqual([]);
  });
  it('carry.t3 holds with hongze-2023 as the previous report', () => expect(byRule(f, 'carry.t3')).toEqual([]));
});
