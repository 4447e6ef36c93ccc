/** 预览 is the complete report from the core's one Markdown renderer, with what the clerk typed escaped. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Clerk, openBench, type Bench } from './clerk.js';

let bench: Bench;
beforeEach(async () => { bench = await openBench(); });
afterEach(async () => { await bench.close(); });

it('shows the report with the six official sections and the clerk\'s Markdown printed as typed', async () => {
  const clerk = new Clerk(bench);
  for (const text of ['你好', '某市*数据*局', '2024', '部门']) await clerk.send(text);
  const preview = (await clerk.send('预览')).find((r) => r.type === 'preview');
  const md = preview?.type === 'preview' ? preview.markdown : '';
  expect(md).toContain('# 某市\\*数据\\*局2024年政府信息公开工作年度报告');
  expect(md).not.toContain('某市*数据*局');
  for (const heading of ['## 一、总体情况', '## 二、主动公开政府信息情况', '## 六、其他需要报告的事项']) expect(md).toContain(heading);
  expect(md).toContain('（未填写）');
});

it('a draft with no 落款 yet shows the date as pending, not the day it was last saved (issue 9)', async () => {
  const clerk = new Clerk(bench);
  for (const text of ['你好', '某市数据局', '2024', '部门']) await clerk.send(text);
  const preview = (await clerk.send('预览')).find((r) => r.type === 'preview');
  const md = preview?.type === 'preview' ? preview.markdown : '';
  const card = preview?.type === 'preview' ? JSON.stringify(preview.card) : '';
  expect(md).toContain('某市数据局  \n（落款日期待定）');
  expect(card).toContain('（落款日期待定）');
  expect(md + card).not.toMatch(/20\d\d年\d{1,2}月\d{1,2}日/u);
});
