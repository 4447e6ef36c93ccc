/**
 * End to end over the local Direct Line with plain HTTP: a whole interview (淮安市人民政府 2024, from the real
 * fixture), the server killed with SIGKILL halfway and started again, the interview finished, the .docx downloaded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { BotProcess } from './support/bot-process.js';
import { activitiesText, DirectLineClient } from './support/directline-client.js';
import { recordInterview } from './support/recorded-interview.js';
import { docxTextViaPdf, HAS_LIBREOFFICE } from '../support/libreoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-bot-e2e-'));
const processes: BotProcess[] = [];
afterAll(async () => {
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});


describe('bot server end to end', () => {
  it('holds a whole interview over Direct Line across a kill -9 and hands out the .docx', { timeout: 240_000 }, async () => {
    const turns = await recordInterview();
    expect(turns.length).toBeGreaterThan(100);
    const half = Math.floor(turns.length / 2);

    const first = new BotProcess(join(dir, 'data'));
    processes.push(first);
    let client = await DirectLineClient.start(await first.ready());
    for (const t of turns.slice(0, half)) expect(activitiesText(await client.send(t.input))).toBe(t.reply);
    await first.kill9();

    const second = new BotProcess(join(dir, 'data'));
    processes.push(second);
    client = client.moved(await second.ready());
    // the same conversation (its token still verifies) resumes at the very question the killed process asked
    // (the recorded transcript names the file where the channel gives a signed link)
    const linkless = (text: string) => text.replace(/报告已生成：\[([^\]]+)\]\(http[^)]+\)\n\n下载链接 \d+ 小时内有效，请及时保存。/, '[download $1]');
    for (const t of turns.slice(half)) expect(linkless(activitiesText(await client.send(t.input)))).toBe(t.reply);

    const done = await client.send('完成');
    const text = activitiesText(done);
    expect(text).toContain('报告已生成');
    const link = /\((http:\/\/127\.0\.0\.1:\d+\/files\/[\w.-]+)\)/.exec(text)?.[1];
    expect(link).toBeDefined();
    const res = await fetch(link!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('淮安市人民政府2024年政府信息公开工作年度报告.docx'));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('淮安市人民政府2024年政府信息公开工作年度报告');
    expect(plain).toContain('全市共受理政府信息公开申请 3119 件');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    // a tampered link is refused
    expect((await fetch(link!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404);

    if (HAS_LIBREOFFICE) {
      const pdf = readFileSync(docxTextViaPdf(bytes, dir, 'report'), 'utf8').replace(/\s+/g, ' ');
      expect(pdf).toMatch(/一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119/);
      expect(pdf).toMatch(/（七）总计 2932 53 0 0 61 4 3050/);
      expect(pdf).toMatch(/72 64 178 37 351 13 4 8 1 26 12 1 1 6 20/);
    }
    // nothing the clerk typed reached the log
    const log = [...first.output, ...second.output].join('');
    expect(log).not.toContain('淮安');
    expect(log).not.toContain('3119');
  });
});
