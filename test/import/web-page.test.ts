/**
 * Web pages saved from a browser (test/support/web-pages.ts builds them around every fixture): the report's body
 * is read and the page chrome is not, and the title comes from `<title>` or `<h1>` without column and site names.
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../shared/import/document.js';
import { importReport } from '../../shared/import/index.js';
import { cleanTitle } from '../../shared/import/web-page.js';
import { renderReportHtml } from '../../shared/render/report.js';
import { savedWebPage, type PageShape } from '../support/web-pages.js';
import { FIXTURE_NAMES, importFixture } from './support.js';

const CHROME = ['长者模式', '无障碍', '登录', '搜索', '网站标识码', '总访问量', '上一篇', '相关文件', '浏览次数', '当前位置'];
const CASES = FIXTURE_NAMES.flatMap((name) => (['h1', 'title-only'] as PageShape[]).map((shape): [string, PageShape] => [name, shape]));

describe('a saved web page reads as its report', () => {
  it.each(CASES)('%s (%s): the body as the bare report reads, none of the chrome, the title from the page', async (name, shape) => {
    const base = importFixture(name).draft;
    const bare = importReport({ name: `${name}.html`, text: renderReportHtml(base) });
    const html = savedWebPage(base, shape);
    const r = await importDocument({ name: `${name}.html`, bytes: new TextEncoder().encode(html) });
    expect(r.kind).toBe('html');
    expect(r.draft.cells).toEqual(bare.draft.cells);
    expect(r.draft.narrative).toEqual(bare.draft.narrative);
    expect(r.draft).toMatchObject({ year: base.year, format: base.format, agency: { name: base.agency.name } });
    const text = Object.values(r.draft.narrative).join('\n');
    for (const word of CHROME) expect(text).not.toContain(word);
  });

  it('without Readability the same page lets the chrome into the report (what this reader is for)', () => {
    const base = importFixture('huaian-2024').draft;
    const r = importReport({ name: 'x.html', text: savedWebPage(base, 'h1') });
    expect(Object.values(r.draft.narrative).join('\n')).toMatch(/长者模式|网站标识码|当前位置/);
  });
});

describe('page titles', () => {
  it.each([
    ['淮安市人民政府2024年政府信息公开工作年度报告_政府信息公开年报_淮安市人民政府门户网站', '淮安市人民政府2024年政府信息公开工作年度报告'],
    ['平潭综合实验区2022年政府信息公开工作年度报告 - 平潭综合实验区管委会', '平潭综合实验区2022年政府信息公开工作年度报告'],
    ['洪泽区政府网 | 洪泽区人民政府2023年政府信息公开工作年度报告', '洪泽区人民政府2023年政府信息公开工作年度报告'],
    ['  文登区天福街道办事处\n2020年政府信息公开工作年度报告  ', '文登区天福街道办事处 2020年政府信息公开工作年度报告'],
  ])('%j → %j', (raw, title) => expect(cleanTitle(raw)).toBe(title));
});
