/** Commands, bad answers, the t3 flow with a wrong total, resume, upload: short scripted transcripts. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTables } from '../../shared/index.js';
import { choicesOf, Clerk, openBench, textOf, type Bench, fixtureDraft, numberOf } from './clerk.js';

let bench: Bench;
beforeEach(async () => { bench = await openBench(); });
afterEach(async () => { await bench.close(); });

/** A 2024 department clerk past the contact details, at the first table gate. */
async function started(conversationId = 'c1'): Promise<Clerk> {
  const clerk = new Clerk(bench, conversationId);
  await clerk.start('某市生态环境局', 2024, '部门');
  await clerk.send('某市某路1号');
  await clerk.send('264200');
  await clerk.send('0631-1234567');
  return clerk;
}

/** Answers 「没有」 to the t2 gates until the t3 gate. */
async function toT3(clerk: Clerk): Promise<void> {
  while ((await clerk.current()).startsWith('gate.t2')) await clerk.send('都是 0');
  expect(await clerk.current()).toBe('gate.t3');
}

describe('start', () => {
  it('greets instead of taking 「你好」 as the agency name, refuses bad years and names', async () => {
    const clerk = new Clerk(bench);
    expect(await clerk.say('你好')).toContain('单位的全称');
    expect(await clerk.say('局')).toContain('2 到 100 个字');
    await clerk.send('某综合实验区');
    expect(await clerk.say('2017')).toContain('不支持');
    expect(await clerk.say('明年')).toContain('没看懂年份');
    expect(await clerk.say('9999')).toContain('还没有到');
    const level = await clerk.send('２０２３年');
    expect(choicesOf(level).map((c) => c.value)).toEqual(['department', 'government']);
    await clerk.send('2');
    const d = await clerk.draft();
    expect(d).toMatchObject({ year: 2023, format: '2021', agency: { name: '某综合实验区', level: 'government' } });
    await clerk.send('某县某路1号');
    expect(await clerk.current()).toBe('agency.postcode');
    expect(await clerk.say('2642')).toContain('6 位数字');
  });
});

describe('tables by conversation', () => {
  it('reads Chinese numerals and refuses several numbers, words and negatives in one answer', async () => {
    const clerk = await started();
    await clerk.send('有数字要填');
    expect(await clerk.current()).toBe('t2.rules.issued');
    expect(await clerk.say('3，5')).toContain('这一行应有 3 个数');
    expect(await clerk.say('三件和五件')).toContain('有 2 个数字');
    expect(await clerk.say('约100')).toContain('确切的数字');
    expect(await clerk.say('100多')).toContain('确切的数字');
    expect(await clerk.say('不知道')).toContain('请回复一个数字');
    expect(await clerk.say('-2')).toContain('不能为负数');
    expect(await clerk.say('1.5')).toContain('应为整数');
    expect(await clerk.current()).toBe('t2.rules.issued');
    await clerk.send('十二');
    await clerk.send('无');
    await clerk.send('一百零五');
    await clerk.send('两千');
    await clerk.send('没有');
    await clerk.send('１２');
    const d = await clerk.draft();
    expect([d.cells['t2.rules.issued'], d.cells['t2.rules.repealed'], d.cells['t2.rules.in-force']]).toEqual(['12', '0', '105']);
    expect([d.cells['t2.normative.issued'], d.cells['t2.normative.repealed'], d.cells['t2.normative.in-force']]).toEqual(['2000', '0', '12']);
  });

  it('reports the table check at once when in-force < issued − repealed, and lets the clerk fix the cell', async () => {
    const clerk = await started();
    await clerk.send('有');
    for (const v of ['5', '0', '2', '0', '0', '0']) await clerk.send(v);
    while ((await clerk.current()).startsWith('gate.t2')) await clerk.send('都是 0');
    expect(await clerk.current()).toBe('check.t2');
    const text = textOf(clerk.last);
    expect(text).toContain('规章·现行有效件数 为 2，不应小于 5');
    expect(text).toContain('相差 3');
    const fix = choicesOf(clerk.last).find((c) => c.value === '修改 t2.rules.in-force');
    expect(fix).toBeDefined();
    await clerk.send({ value: { choice: fix!.value } });
    expect(await clerk.current()).toBe('t2.rules.in-force');
    expect(await clerk.say('7')).toContain('✓ 表二已填完，合计核对无误');
    expect(await clerk.current()).toBe('gate.t3');
  });

  it('t3: skips applicant types and outcome groups that did not occur, computes totals, reports a wrong balance with the difference', async () => {
    const clerk = await started();
    await toT3(clerk);
    await clerk.send('收到了');
    expect(await clerk.current()).toBe('t3.applicants');
    expect(await clerk.say('1、5')).toContain('自然人、法律服务机构');
    const answers: Record<string, string> = {
      't3.new.natural': '5', 't3.new.legal': '1', 't3.carried.natural': '1', 't3.carried.legal': '0',
      't3.granted.natural': '3', 't3.granted.legal': '1', 't3.partial.natural': '1', 't3.partial.legal': '0',
      't3.unable.none.natural': '1', 't3.unable.none.legal': '0', 't3.unable.create.natural': '0', 't3.unable.create.legal': '0',
      't3.unable.unclear.natural': '0', 't3.unable.unclear.legal': '0',
      't3.carry-forward.natural': '3', 't3.carry-forward.legal': '0',
    };
    const asked: string[] = [];
    for (let i = 0; i < 40 && !(await clerk.current()).startsWith('check.'); i++) {
      const cur = await clerk.current();
      asked.push(cur);
      if (cur === 'gate.t3.unable') await clerk.send('有');
      else if (cur.startsWith('gate.')) await clerk.send('没有');
      else await clerk.send(answers[cur] ?? 'missing');
    }
    expect(asked.filter((id) => id.startsWith('t3.'))).toEqual(Object.keys(answers));
    expect(await clerk.current()).toBe('check.t3');
    const text = textOf(clerk.last);
    // new + carried = 6, total + carry-forward = 5 + 3 = 8
    expect(text).toContain('应为 6');
    expect(text).toContain('实为 8');
    expect(text).toContain('相差 2');
    const d = await clerk.draft();
    expect(d.cells['t3.total.natural']).toBe('5');
    expect(d.cells['t3.new.total']).toBe('6');
    expect(d.cells['t3.denied.secret.natural']).toBe('0');
    expect(d.cells['t3.new.commercial']).toBe('0');
    await clerk.send('修改 t3.carry-forward.natural');
    expect(await clerk.say('一')).toContain('✓ 表三已填完，合计核对无误');
    expect(await clerk.current()).toBe('gate.t4');
    expect(checkTables(await clerk.draft()).filter((f) => f.cells.some((c) => c.startsWith('t3.')))).toEqual([]);
  });
});

describe('narrative answers', () => {
  async function atPart(id: string): Promise<Clerk> {
    const clerk = await started();
    await clerk.send(`修改 ${id}`);
    expect(await clerk.current()).toBe(id);
    return clerk;
  }

  it('shows what the format asks and an example, refuses an empty answer, flags 「无」, short text and pasted page metadata', async () => {
    const clerk = await atPart('overview.proactive');
    const ask = textOf(clerk.last);
    expect(ask).toContain('要求：本年主动公开了哪些信息');
    expect(ask).toContain('示例：');
    expect(await clerk.say('   ')).toContain('要求：本年主动公开了哪些信息');
    const none = await clerk.send('无');
    expect(choicesOf(none).map((c) => c.value)).toEqual(['keep', 'revise']);
    expect(textOf(none)).toContain('主动公开');
    expect(await clerk.say('重新填写')).toContain('请重新输入');
    expect(await clerk.say('公开了信息。')).toMatch(/过于简短|字/);
    expect(await clerk.say('索引号：11371000004 发布机构：办公室 发布日期：2024-01-05 访问次数：47 全年主动公开政府信息1200条，通过门户网站和政务新媒体发布。')).toMatch(/网页|索引号/);
    await clerk.send('保留这个回答');
    const d = await clerk.draft();
    expect(d.narrative['overview.proactive']).toContain('索引号');
  });

  it('flags figures that contradict the tables and accepts 「无」 where the part may be none', async () => {
    const clerk = await started();
    await toT3(clerk);
    await clerk.send('收到了');
    await clerk.send('只有自然人');
    for (let i = 0; i < 30 && !(await clerk.current()).startsWith('gate.t4'); i++) {
      const cur = await clerk.current();
      await clerk.send(cur.startsWith('gate.') ? '没有' : cur === 't3.new.natural' ? '5' : cur === 't3.granted.natural' ? '5' : '0');
    }
    await clerk.send('修改 overview.requests');
    const r = await clerk.say('全年共收到政府信息公开申请9件，均在法定期限内答复，其中予以公开5件。');
    expect(r).toContain('两者不一致');
    expect(r).toMatch(/9/);
    await clerk.send('修改 other.misc');
    await clerk.send('无');
    expect((await clerk.draft()).narrative['other.misc']).toBe('无');
  });

  it('offers the standard preamble built from the contact details', async () => {
    const clerk = await atPart('preamble');
    const std = choicesOf(clerk.last).find((c) => c.value === 'standard')!;
    await clerk.send({ value: { choice: std.value } });
    const text = (await clerk.draft()).narrative.preamble!;
    expect(text).toContain('2024年1月1日起至2024年12月31日止');
    expect(text).toContain('邮编：264200');
  });
});

describe('commands', () => {
  it('帮助, 进度, 预览, 上一题, 跳过 at any point', async () => {
    const clerk = await started();
    expect(await clerk.say('帮助')).toContain('上一题');
    expect(await clerk.current()).toBe('gate.t2.rules');
    const progress = await clerk.say('进度');
    expect(progress).toContain('某市生态环境局 · 2024 年度 · 2021 年版格式');
    expect(progress).toContain('✓ 基本信息：已填');
    expect(progress).toContain('○ 表二：还有 4/4 处未填（第二十条第（一）项');
    expect(progress).toContain('○ 一、总体情况：0/6 部分已填，未填：');
    expect(progress).toContain('当前问题：表二 第二十条第（一）项');
    const preview = (await clerk.send('预览')).find((r) => r.type === 'preview');
    expect(preview && preview.type === 'preview' && preview.markdown).toContain('某市生态环境局2024年政府信息公开工作年度报告');
    await clerk.send('上一题');
    expect(await clerk.current()).toBe('agency.phone');
    expect(textOf(clerk.last)).toContain('当前答案：0631-1234567');
    await clerk.send('0631-7654321');
    expect(await clerk.current()).toBe('gate.t2.rules');
    await clerk.send('跳过');
    expect(await clerk.current()).toBe('gate.t2.licensing');
    expect(await clerk.say('进度')).toContain('已跳过：表二 第二十条第（一）项');
    expect((await clerk.draft()).agency.phone).toBe('0631-7654321');
  });

  it('修改 by part name offers earlier versions and restores one; returns to where the clerk was', async () => {
    const clerk = await started();
    await clerk.send('修改 主动公开');
    expect(await clerk.current()).toBe('overview.proactive');
    const v1 = '全年通过门户网站主动公开政府信息1200余条，其中政策文件35件、政策解读40篇。';
    const v2 = '全年通过门户网站主动公开政府信息1300余条，其中政策文件36件、政策解读41篇。';
    await clerk.send(v1);
    expect(await clerk.current()).toBe('gate.t2.rules');
    await clerk.send('修改 overview.proactive');
    await clerk.send(v2);
    await clerk.send('修改 overview.proactive');
    expect(textOf(clerk.last)).toContain('当前答案：全年通过门户网站主动公开政府信息1300');
    const restore = choicesOf(clerk.last).find((c) => c.title.startsWith('恢复第 1 版'));
    expect(restore).toBeDefined();
    await clerk.send({ value: { choice: restore!.value } });
    expect((await clerk.draft()).narrative['overview.proactive']).toBe(v1);
    expect(await clerk.current()).toBe('gate.t2.rules');
    const history = await bench.store.history((await clerk.state()).draftId!, 'narrative.overview.proactive');
    expect(history.map((h) => h.value)).toEqual([v1, v2, v1]);
    expect(await clerk.say('修改 不存在的部分')).toContain('没有找到');
    expect(choicesOf(await clerk.send('修改')).length).toBeGreaterThan(5);
  });

  it('暂停 and any later message resumes at the same question; 重新开始 asks first and keeps the old draft', async () => {
    const clerk = await started();
    expect(await clerk.say('暂停')).toContain('已保存');
    const back = await clerk.say('在吗');
    expect(back).toContain('欢迎回来');
    expect(await clerk.current()).toBe('gate.t2.rules');
    const { draftId } = await clerk.state();
    expect(choicesOf(await clerk.send('重新开始')).map((c) => c.value)).toEqual(['restart-yes', 'restart-no']);
    expect(await clerk.say('取消')).toContain('已取消');
    expect(await clerk.current()).toBe('gate.t2.rules');
    await clerk.send('重新开始');
    expect(await clerk.say('确认重新开始')).toContain('单位的全称');
    expect(await clerk.current()).toBe('agency.name');
    expect(await bench.store.loadDraft(draftId!)).toBeDefined();
  });

  it('完成 is refused while errors remain, listing them; warnings do not block', async () => {
    const clerk = await started();
    await clerk.send('有');
    for (const v of ['5', '0', '2']) await clerk.send(v);
    const refused = await clerk.say('完成');
    expect(refused).toContain('还不能生成报告');
    expect(refused).toContain('规章·现行有效件数 为 2，不应小于 5');
    expect(refused).toContain('以下必填内容还没有填写');
    expect(refused).toContain('一、总体情况（一）主动公开');
    expect(clerk.last.some((r) => r.type === 'download')).toBe(false);
    // the refusal carries buttons to the wrong cell and to the empty parts
    const buttons = choicesOf(clerk.last).map((c) => c.value);
    expect(buttons[0]).toBe('修改 t2.rules.in-force');
    expect(buttons).toContain('修改 overview.proactive');
    await clerk.send({ value: { choice: '修改 t2.rules.in-force' } });
    await clerk.send('5');
    const again = await clerk.say('完成');
    expect(again).not.toContain('不应小于');
    expect(again).toContain('以下必填内容还没有填写');
  });
});

describe('resume and upload', () => {
  it('a new conversation of the same clerk, agency and year is offered the unfinished draft and continues where it stopped', async () => {
    const first = await started('first');
    await first.send('有');
    await first.send('4');
    const { draftId } = await first.state();
    const second = new Clerk(bench, 'second', first.key.userId);
    await second.send('你好');
    await second.send('某市生态环境局');
    await second.send('2024');
    const offer = await second.send('部门');
    const resume = choicesOf(offer).find((c) => c.value === `resume:${draftId}`);
    expect(resume?.title).toContain('已填 1 项');
    await second.send('1');
    expect((await second.state()).draftId).toBe(draftId);
    expect(await second.current()).toBe('t2.rules.repealed');
  });

  it('takes a draft JSON instead of answers, reports its findings, and continues with what is missing', async () => {
    const clerk = new Clerk(bench);
    await clerk.send('你好');
    const draft = { ...fixtureDraft('pingtan-2022'), agency: { name: '平潭综合实验区管理委员会', level: 'government' as const } };
    const bytes = new TextEncoder().encode(JSON.stringify(draft));
    const r = await clerk.say({ attachments: [{ name: 'draft.json', contentType: 'application/json', bytes }] });
    expect(r).toContain('已读取文件');
    const d = await clerk.draft();
    expect(d.cells).toEqual(draft.cells);
    expect(d.narrative['overview.proactive']).toBe(draft.narrative['overview.proactive']);
    expect(await clerk.current()).toBe('agency.address');
    const bad = await clerk.say({ attachments: [{ name: 'draft.json', contentType: 'application/json', bytes: new TextEncoder().encode('{"schema":"nianbao.draft/1","year":2024,"cells":{"t3.new.natrual":"1"}}') }] });
    expect(bad).toContain('无法读取');
    expect(bad).toContain('t3.new.natural');
    expect(await clerk.say({ attachments: [{ name: 'a.pdf', contentType: 'application/pdf', bytes: new Uint8Array(3) }] })).toContain('不认识文件');
  });
});

describe('workbook upload', () => {
  it('takes the .xlsx written by nianbao template --from, with its cells', async () => {
    const { writeTemplate } = await import('../../cli/xlsx/write-template.js');
    const source = fixtureDraft('pingtan-2022');
    const { bytes } = await writeTemplate({ year: 2022, agency: '平潭综合实验区管理委员会', draft: source });
    const clerk = new Clerk(bench);
    await clerk.send('你好');
    const r = await clerk.say({ attachments: [{ name: '年报表格.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes }] });
    expect(r).toContain('已读取文件');
    const d = await clerk.draft();
    expect(d.year).toBe(2022);
    expect(d.agency.name).toBe('平潭综合实验区管理委员会');
    for (const [id, v] of Object.entries(source.cells)) expect([id, numberOf(d.cells[id])]).toEqual([id, numberOf(v)]);
  });
});

describe('历史 and 共享 @', () => {
  it('parses 历史 with and without a part, and 共享 @同事, but not answers that merely begin with the words', async () => {
    const { parseCommand } = await import('../../bot/engine/commands.js');
    expect(parseCommand('历史')).toEqual({ name: 'history', arg: '' });
    expect(parseCommand('历史 t3.new.total')).toEqual({ name: 'history', arg: 't3.new.total' });
    expect(parseCommand('修改记录 主动公开')).toEqual({ name: 'history', arg: '主动公开' });
    expect(parseCommand('共享 @张三')).toEqual({ name: 'share', arg: '@张三' });
    expect(parseCommand('共享')).toEqual({ name: 'share', arg: '' });
    expect(parseCommand('历史文化名城保护条例的解读')).toBeUndefined();
    expect(parseCommand('历史\n本年度，我局……')).toBeUndefined();
    expect(parseCommand('共享平台建设取得进展')).toBeUndefined();
  });

  it('历史 before a draft asks for the start; with one it lists the answers, a part by name, and one with none', async () => {
    const clerk = new Clerk(bench, 'hist');
    await clerk.send('你好');
    expect(textOf(await clerk.send('历史'))).toContain('请先回答单位名称');
    const c = await started('hist2');
    const all = textOf(await c.send('历史'));
    expect(all).toContain('这份草稿最近的填写记录');
    expect(all).toMatch(/您：填写了 3 项（联系地址、邮政编码、联系电话）|您：联系电话 ＝ 0631-1234567/u);
    expect(textOf(await c.send('历史 电话'))).toMatch(/「联系电话」的填写记录（新的在前）：\n• .*您：0631-1234567（当前）/u);
    expect(textOf(await c.send('历史 t3.new.total'))).toContain('还没有填写记录');
  });
});
