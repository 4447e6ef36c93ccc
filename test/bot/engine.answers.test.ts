/** Issue 9's answers and document points, each as a short transcript through the engine's public interface. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choicesOf, Clerk, openBench, textOf, type Bench } from './clerk.js';

let bench: Bench;
beforeEach(async () => { bench = await openBench(); });
afterEach(async () => { await bench.close(); });

/** A clerk past the start and the contact details (sent in one answer), at the first question after them. */
async function started(agency = '某市生态环境局', year = 2024): Promise<Clerk> {
  const clerk = new Clerk(bench);
  await clerk.send('你好');
  await clerk.send(agency);
  await clerk.send(String(year));
  return clerk;
}

describe('start and contact', () => {
  it('skips the level question when the name says it; reads address, postcode and phone from one answer', async () => {
    const clerk = await started('某县某某镇人民政府', 2023);
    expect(textOf(clerk.last)).toContain('按政府的年报填写');
    expect(await clerk.current()).toBe('agency.address');
    expect(textOf(clerk.last)).toContain('联系地址、邮编和电话');
    await clerk.send('某县某路1号，邮编 264200，电话 0631—1234567');
    expect((await clerk.draft()).agency).toMatchObject({ level: 'government', address: '某县某路1号', postcode: '264200', phone: '0631-1234567' });
    expect(await clerk.current()).toBe('gate.t2.rules');
    const dept = new Clerk(bench, 'c2');
    await dept.send('你好');
    await dept.send('某区街道办事处');
    await dept.send('2024');
    expect((await dept.draft()).agency.level).toBe('government');
  });
});

describe('figures', () => {
  it('a row at once, with or without its total (checked), and the rest as 「都是 0」', async () => {
    const clerk = await started();
    await clerk.send('某市某路1号 264200 0631-1234567');
    await clerk.send({ value: { choice: 'all-zero' } });
    expect(await clerk.current()).toBe('gate.t3');
    await clerk.send('收到了');
    await clerk.send('以上各类都有');
    expect(await clerk.current()).toBe('t3.new.natural');
    // a wrong total is refused and nothing is stored
    expect(await clerk.say('3 1 0 0 0 0 5')).toContain('合计应为 4');
    expect((await clerk.draft()).cells['t3.new.natural']).toBeUndefined();
    const row = await clerk.say('3，1，0，0，0，0，4');
    expect(row).toContain('已读取');
    expect(row).toContain('自然人 3，商业企业 1');
    expect(await clerk.current()).toBe('t3.carried.natural');
    await clerk.send('0 0 0 0 0 0');
    expect(await clerk.current()).toBe('t3.granted.natural');
    await clerk.send('3 1 0 0 0 0');
    await clerk.send('都是 0');
    const d = await clerk.draft();
    expect([d.cells['t3.new.total'], d.cells['t3.granted.total'], d.cells['t3.partial.natural']]).toEqual(['4', '4', '0']);
    expect(await clerk.current()).toBe('gate.t3.denied');
  });

  it('a whole 表三 pasted from Excel with labels; a block of 表二 typed without labels; a wrong row width explained', async () => {
    const clerk = await started();
    await clerk.send('某市某路1号 264200 0631-1234567');
    expect(await clerk.say('1 0')).toContain('这一行应有 3 个数');
    const block = await clerk.say('1 0 11\n2 0 15');
    expect(block).toContain('规章：本年制发件数 1，本年废止件数 0，现行有效件数 11');
    let d = await clerk.draft();
    expect(d.cells['t2.normative.in-force']).toBe('15');
    while ((await clerk.current()).startsWith('gate.t2')) await clerk.send('都是 0');
    const paste = [
      '\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
      '一、本年新收政府信息公开申请数量\t6\t1\t0\t0\t0\t0\t7',
      '三、本年度办理结果\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t1\t0\t0\t0\t0\t2',
      '（四）无法提供\t1.本机关不掌握相关政府信息\t5\t0\t0\t0\t0\t0\t5',
    ].join('\n');
    expect(await clerk.say('一、本年新收政府信息公开申请数量\t6\t1\t0\t0\t0\t0\t7\n不存在的行\t1\t0\t0\t0\t0\t0\t1')).toContain('没找到“不存在的行”');
    const read = await clerk.say(paste);
    expect(read).toContain('（四）无法提供1.本机关不掌握相关政府信息：自然人 5');
    d = await clerk.draft();
    expect([d.cells['t3.new.total'], d.cells['t3.partial.commercial'], d.cells['t3.unable.none.natural']]).toEqual(['7', '1', '5']);
    // the gate is answered by the figures; which applicants occurred is asked (上年结转 was not pasted)
    expect(await clerk.current()).toBe('t3.applicants');
  });

  it('estimates are refused; 「0」 at a 有/没有 question is 没有; an empty message gets the question again', async () => {
    const clerk = await started();
    await clerk.send('某市某路1号 264200 0631-1234567');
    await clerk.send('有数字要填');
    for (const s of ['约100', '100左右', '一百多', '大约5']) expect(await clerk.say(s)).toContain('确切的数字');
    expect((await clerk.draft()).cells['t2.rules.issued']).toBeUndefined();
    // 「这一行都是 0」 ends the row, 「都是 0」 the block
    await clerk.send('2');
    expect(await clerk.say('这一行都是 0')).toContain('其余 2 项');
    expect(await clerk.current()).toBe('t2.normative.issued');
    await clerk.send('修改 表三');
    expect(await clerk.current()).toBe('gate.t3');
    await clerk.send('0');
    expect((await clerk.draft()).cells['t3.new.total']).toBe('0');
    const again = await clerk.say('');
    expect(again).toContain('行政规范性文件·本年制发件数');
  });

  it('amounts say their unit once; 「5000元」 is converted to 万元', async () => {
    const clerk = await started();
    await clerk.send('某市某路1号 264200 0631-1234567');
    for (let i = 0; i < 3; i++) await clerk.send('都是 0');
    expect(await clerk.current()).toBe('gate.t2.fees');
    await clerk.send('有数字要填');
    const ask = textOf(clerk.last);
    expect(ask).toContain('（单位：万元）');
    expect(ask).not.toMatch(/单位：万元.*单位/);
    expect(await clerk.say('5000元')).toContain('5000 元 ＝ 0.5 万元');
    expect((await clerk.draft()).cells['t2.fees.amount']).toBe('0.5');
    const y2019 = new Clerk(bench, 'c2019');
    await y2019.send('你好');
    await y2019.send('某市生态环境局');
    await y2019.send('2020');
    await y2019.send('某市某路1号 264200 0631-1234567');
    for (let i = 0; i < 4; i++) await y2019.send('都是 0');
    await y2019.send('有数字要填');
    await y2019.send('3');
    expect(textOf(y2019.last)).toContain('采购总金额（单位：万元');
  });

  it('修改 of a total explains it is the sum of its parts and offers them', async () => {
    const clerk = await started();
    await clerk.send('某市某路1号 264200 0631-1234567');
    const r = await clerk.send('修改 t3.total.natural');
    expect(textOf(r)).toContain('是合计，由各项相加自动算出');
    expect(choicesOf(r).map((c) => c.value)).toContain('修改 t3.granted.natural');
  });
});

describe('narrative and the document', () => {
  async function atPart(id: string, year = 2020): Promise<Clerk> {
    const clerk = await started('某区工业和信息化局', year);
    await clerk.send('某区某路1号 264200 0631-1234567');
    await clerk.send(`修改 ${id}`);
    expect(await clerk.current()).toBe(id);
    return clerk;
  }

  it('examples use the report year; a short sentence saying nothing happened is a normal answer', async () => {
    const clerk = await atPart('overview.lead');
    expect(textOf(clerk.last)).toContain('示例：2020年');
    expect(textOf(clerk.last)).not.toContain('2024');
    await clerk.send('修改 overview.requests');
    expect(await clerk.say('2020年，区工信局未收到依申请公开事项。')).toContain('已保存');
    // too short for a part that needs substance, warned once; the same again is taken
    await clerk.send('修改 overview.management');
    expect(await clerk.say('做了审查。')).toContain('过于简短');
    expect(await clerk.say('做了公开前审查。')).toContain('已保存');
  });

  it('「未收取」 at the 信息处理费 question passes its own check and is stored as a sentence', async () => {
    const clerk = await atPart('other.fees', 2024);
    expect(await clerk.say('未收取')).toContain('已保存');
    expect((await clerk.draft()).narrative['other.fees']).toBe('本年度未收取信息处理费。');
  });

  it('paragraphs stay; 预览 is marked 草稿 and escapes; 进度 shows what is open; 完成 refuses with buttons; 落款 checked', async () => {
    const clerk = await atPart('overview.proactive');
    await clerk.send('第一段，全年主动公开政府信息1200条。\n第二段，通过政务新媒体发布信息800条。\n1. 政策文件35件\n2. 政策解读<b>40</b>篇');
    expect((await clerk.draft()).narrative['overview.proactive']).toContain('\n1. 政策文件35件\n');
    const preview = (await clerk.send('预览')).find((r) => r.type === 'preview');
    const md = preview?.type === 'preview' ? preview.markdown : '';
    expect(md.startsWith('> **草稿')).toBe(true);
    expect(md).toContain('第一段，全年主动公开政府信息1200条。\n\n第二段');
    expect(md).toContain('2\\. 政策解读&lt;b&gt;40&lt;/b&gt;篇');
    const progress = await clerk.say('进度');
    expect(progress).toContain('某区工业和信息化局 · 2020 年度 · 2019 年版格式');
    expect(progress).toContain('○ 一、总体情况：1/6 部分已填');
    expect(progress).toContain('○ 落款：未定');
    const refused = await clerk.send('完成');
    expect(textOf(refused)).toContain('以下必填内容还没有填写');
    expect(textOf(refused)).not.toContain('报告已生成');
    expect(choicesOf(refused).map((c) => c.value)).toContain('修改 overview.requests');
    const draft = await clerk.send('生成草稿');
    expect(draft.find((r) => r.type === 'download')).toMatchObject({ fileName: '某区工业和信息化局2020年政府信息公开工作年度报告（草稿）.docx' });
    // the 落款: a date outside the reporting window is refused, a date in it taken
    await clerk.send('修改 落款');
    expect(textOf(clerk.last)).toContain('2021年1月31日');
    expect(await clerk.say('2026年12月3日')).toContain('不在 2021 年 1 月至 3 月');
    expect(await clerk.say('2021年1月20日')).toContain('落款：某区工业和信息化局，2021年1月20日');
    expect((await clerk.draft()).signature).toEqual({ date: '2021-01-20' });
  });
});
