/** Whole interviews as scripted transcripts, answered from the real fixture reports (both formats, both levels). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTables, narrativeParts, catalogue } from '../../shared/index.js';
import { Clerk, interview, openBench, textOf, type Bench, fixtureDraft, numberOf } from './clerk.js';

let bench: Bench;
beforeEach(async () => { bench = await openBench(); });
afterEach(async () => { await bench.close(); });

describe('whole interviews', { timeout: 120_000 }, () => {
  it('2021 format, government level (淮安市人民政府 2024): every cell asked, totals computed equal the published ones', async () => {
    const target = fixtureDraft('huaian-2024');
    const clerk = new Clerk(bench);
    await clerk.start('淮安市人民政府', 2024, '政府');
    const { address, postcode, phone } = target.agency as Required<typeof target.agency>;
    const asked = await interview(clerk, target, { contact: { address, postcode, phone } });
    const d = await clerk.draft();
    // every cell of the published tables, totals included (computed by the bot, never asked)
    expect(Object.keys(d.cells).sort()).toEqual(Object.keys(target.cells).sort());
    for (const [id, v] of Object.entries(target.cells)) expect([id, numberOf(d.cells[id])]).toEqual([id, numberOf(v)]);
    const totals = catalogue('2021').cells.filter((c) => c.column === 'total' || c.row === 'total').map((c) => c.id);
    expect(asked.filter((id) => totals.includes(id) && id.startsWith('t3.'))).toEqual([]);
    expect(asked.filter((id) => id.startsWith('t4.') && id.endsWith('.total'))).toEqual([]);
    // the government-level part is asked; parts the fixture lacks were skipped
    expect(asked).toContain('overview.assessment');
    expect(asked).toContain('other.fees');
    // the preamble is written in the standard wording from the contact details (the clerk may 修改 it)
    for (const [id, text] of Object.entries(target.narrative)) if (id !== 'preamble') expect(d.narrative[id]).toBe(text.trim());
    expect(d.narrative.preamble).toContain('统计期限自2024年1月1日起至2024年12月31日止');
    expect(d.agency).toMatchObject({ name: '淮安市人民政府', level: 'government', postcode: '223001' });
    expect(checkTables(d).filter((f) => f.severity === 'error')).toEqual([]);
    // the published report has no 工作考核… part: a required part, so 完成 refuses and offers it as a button
    const refused = await clerk.send('完成');
    expect(textOf(refused)).toContain('以下必填内容还没有填写');
    expect(refused.some((r) => r.type === 'download')).toBe(false);
    await clerk.send({ value: { choice: '修改 overview.assessment' } });
    await clerk.send('将政务公开工作纳入全市高质量发展综合考核，组织社会评议1次；全年未发生责任追究情况。');
    const replies = await clerk.send('完成');
    const download = replies.find((r) => r.type === 'download');
    const stored = await bench.store.loadDraft(d === undefined ? '' : (await clerk.state()).draftId!);
    expect(download).toEqual({ type: 'download', draftId: (await clerk.state()).draftId, version: stored!.version, fileName: '淮安市人民政府2024年政府信息公开工作年度报告.docx' });
    expect(stored!.status).toBe('finished');
    // every figure of the published 一 agrees with the tables: no narrative.figure at the end
    expect(textOf(replies)).not.toContain('两者不一致');
  });

  it('2019 format, department level (威海高新区党政办公室 2020): no 考核 part, no 信息处理费 part; a blank cell skipped', async () => {
    const target = fixtureDraft('weihai-hitech-office-2020');
    const clerk = new Clerk(bench);
    await clerk.start('威海火炬高技术产业开发区党政办公室', 2020, '部门');
    const asked = await interview(clerk, target);
    expect(asked).not.toContain('overview.assessment');
    expect(asked).not.toContain('other.fees');
    expect(asked).toContain('t2.procurement.amount');
    const d = await clerk.draft();
    expect(d.format).toBe('2019');
    expect(d.cells['t2.services.delta']).toBe('+1');
    expect(d.cells['t2.penalty.delta']).toBe('-1');
    expect(d.cells['t2.procurement.amount']).toBe('146.2243');
    expect(d.cells['t2.services.decisions']).toBeUndefined();
    expect(d.cells['t3.total.total']).toBe('7');
    expect((await clerk.state()).skipped).toContain('t2.services.decisions');
    // the pasted web-page metadata in 一 was flagged when answered, and kept on the clerk's word
    expect(d.narrative['overview.proactive'] ?? d.narrative['overview.requests']).toBeDefined();
    const done = await clerk.say('完成');
    expect(done).toContain('处理决定数量 为空');
    expect(done).toContain('报告已生成');
  });

  it('all-zero tables by three 「没有」 gates (文登区天福街道 2020, 2019 format, government level)', async () => {
    const target = fixtureDraft('wendeng-tianfu-2020');
    const clerk = new Clerk(bench);
    await clerk.start('文登区天福街道办事处', 2020, '政府');
    const asked = await interview(clerk, target, { gate: () => '没有' });
    expect(asked.filter((id) => /^t[234]\./.test(id))).toEqual([]);
    const d = await clerk.draft();
    expect(Object.keys(d.cells).sort()).toEqual(catalogue('2019').cells.map((c) => c.id).sort());
    expect(Object.values(d.cells).every((v) => v === '0')).toBe(true);
    // 2019 format has no 考核 part even for a government
    expect(asked).not.toContain('overview.assessment');
    expect(narrativeParts('2019', 'government').map((p) => p.id)).not.toContain('overview.assessment');
    expect(checkTables(d)).toEqual([]);
  });

  it('2021 department: typed Chinese numerals and full-width digits for every cell', async () => {
    const target = fixtureDraft('pingtan-2021');
    const zh = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const chinese = (v: string) => (/^\d$/.test(v) ? zh[Number(v)]! : /^\d+$/.test(v) ? v.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))) : v);
    const clerk = new Clerk(bench);
    await clerk.start('平潭综合实验区管委会办公室', 2021, '部门');
    const asked = await interview(clerk, target, { cell: (_id, v) => chinese(v) });
    expect(asked).not.toContain('overview.assessment');
    const d = await clerk.draft();
    for (const [id, v] of Object.entries(target.cells)) expect([id, numberOf(d.cells[id])]).toEqual([id, numberOf(v)]);
    // the run-together t2 row the importer could not decode was skipped, the rest typed
    expect(d.cells['t2.normative.in-force']).toBeUndefined();
  });

  it('a published 一 whose figures contradict the tables is flagged when answered and at 完成, without blocking (平潭 2022)', async () => {
    const target = fixtureDraft('pingtan-2022');
    const clerk = new Clerk(bench);
    await clerk.start('平潭综合实验区', 2022, '政府');
    const seen: string[] = [];
    const origSend = clerk.send.bind(clerk);
    clerk.send = async (input) => {
      const r = await origSend(input);
      seen.push(textOf(r));
      return r;
    };
    await interview(clerk, target, { gate: (id) => (id.startsWith('gate.t2') ? '没有' : '有') });
    expect(seen.join('\n')).toContain('两者不一致');
    const done = await clerk.send('完成');
    expect(textOf(done)).toContain('两者不一致');
    expect(done.some((r) => r.type === 'download')).toBe(true);
  });
});
