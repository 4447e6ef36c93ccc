/**
 * Issue 9's turn figures, measured over the local Direct Line against the bot server with its durable store
 * (SQLite in a data directory), with the two scripted clerks of support/scripted-clerks.ts: turns are counted from
 * 「你好」 to the message that carries the .docx link. The 2019 report's .docx is then opened in LibreOffice and its
 * text checked: tables, the pasted paragraphs kept apart, the 落款 date in the reporting window, no gaps, no filler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { BotProcess } from './support/bot-process.js';
import { activitiesText, DirectLineClient, type DlActivity } from './support/directline-client.js';
import { noApplications2021, recordScript, typicalDepartment2019 } from './support/scripted-clerks.js';
import { convertDocx, HAS_LIBREOFFICE } from '../support/libreoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-bot-turns-'));
const processes: BotProcess[] = [];
afterAll(async () => {
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

const hasSoffice = HAS_LIBREOFFICE;

const LINK = /\((http:\/\/127\.0\.0\.1:\d+\/files\/[\w.-]+)\)/;

/** Replays a recorded clerk over Direct Line: every reply as recorded; returns the turns up to the link and the link. */
async function replay(client: DirectLineClient, turns: Awaited<ReturnType<typeof recordScript>>): Promise<{ count: number; link: string }> {
  let count = 0;
  for (const t of turns) {
    const acts: DlActivity[] = await client.send(t.input);
    count++;
    const text = activitiesText(acts);
    // the recorded transcript names the file where the channel gives a signed link; the history's clock times
    // (「12月3日 18:57」) are the recording's and the replay's own, a minute apart when a minute turns between them
    const clock = (s: string) => s.replace(/\d{1,2}月\d{1,2}日 \d{2}:\d{2}/gu, 'M月D日 hh:mm');
    expect(clock(text.replace(/报告已生成：\[([^\]]+)\]\(http[^)]+\)\n\n下载链接 \d+ 小时内有效，请及时保存。/, '[download $1]'))).toBe(clock(t.reply));
    const link = LINK.exec(text)?.[1];
    if (link) return { count, link };
  }
  throw new Error('no download link');
}

async function download(link: string): Promise<Uint8Array> {
  const res = await fetch(link);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const soffice = (bytes: Uint8Array, name: string, to: 'txt:Text' | 'pdf') => convertDocx(bytes, dir, name, to);

describe('turns from 你好 to the .docx, over Direct Line with the durable store', { timeout: 300_000 }, () => {
  it('a 2021 body with no applications, reviews or suits, one sentence per part: at most 18 turns', async () => {
    const turns = await recordScript(noApplications2021());
    const bot = new BotProcess(join(dir, 'data-2021'));
    processes.push(bot);
    const client = await DirectLineClient.start(await bot.ready());
    const { count, link } = await replay(client, turns);
    console.log(`[turns] 2021 no-applications body: ${count} turns from 你好 to the .docx link`);
    expect(count).toBeLessThanOrEqual(18);
    const xml = strFromU8(unzipSync(await download(link))['word/document.xml']!);
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('2022年3月31日'); // a government's window ends on 31 March
    expect(plain).toContain('未收到政府信息公开申请');
    expect(plain).not.toContain('（未填写）');
    expect(plain).not.toContain('草稿');
  });

  it('a 2019 typical department (t2, t3 figures; t4 all 0; ten parts pasted): at most 35 turns; its .docx read back by LibreOffice', async () => {
    const script = typicalDepartment2019();
    const turns = await recordScript(script);
    const bot = new BotProcess(join(dir, 'data-2019'));
    processes.push(bot);
    const client = await DirectLineClient.start(await bot.ready());
    const { count, link } = await replay(client, turns);
    console.log(`[turns] 2019 typical department: ${count} turns from 你好 to the .docx link`);
    expect(count).toBeLessThanOrEqual(35);
    const bytes = await download(link);

    // a draft asked for afterwards says so on every page (the header) and in its name
    const draftText = activitiesText(await client.send('生成草稿'));
    const draftLink = LINK.exec(draftText)?.[1];
    expect(draftText).toContain('（草稿）.docx');
    const draftZip = unzipSync(await download(draftLink!));
    const header = Object.keys(draftZip).find((k) => /^word\/header\d*\.xml$/.test(k));
    expect(header && strFromU8(draftZip[header]!)).toContain('草稿');
    expect(Object.keys(unzipSync(bytes)).some((k) => /^word\/header/.test(k))).toBe(false);

    if (!hasSoffice) return;
    const lines = readFileSync(soffice(bytes, 'weihai-2020', 'txt:Text'), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const text = lines.join('\n');
    expect(lines[0]).toBe('威海火炬高技术产业开发区党政办公室2020年政府信息公开工作年度报告');
    // the clerk's paragraphs are paragraphs of the document, not one run-on line
    const issues = script.target.narrative['problems.issues']!.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(issues.length).toBeGreaterThan(1);
    for (const p of issues) expect(lines).toContain(p);
    // 落款: the agency and the date in the department's window (by 31 January of the next year)
    expect(lines.slice(-2)).toEqual(['威海火炬高技术产业开发区党政办公室', '2021年1月31日']);
    expect(text).not.toContain('（未填写）');
    expect(text).not.toMatch(/^无$/m);
    expect(text).toContain('共收到依申请公开信件7件');
    const pdf = soffice(bytes, 'weihai-2020-pdf', 'pdf');
    execFileSync('pdftotext', ['-layout', pdf, join(dir, 'weihai.txt')]);
    const flat = readFileSync(join(dir, 'weihai.txt'), 'utf8').replace(/\s+/g, ' ');
    expect(flat).toMatch(/一、本年新收政府信息公开申请数量 6 1 0 0 0 0 7/);
    expect(flat).toMatch(/其他对外管理服务事项 3 \+1 0/);
    expect(flat).toMatch(/政府集中采购 5 146\.2243/);
    if (process.env.NIANBAO_KEEP_PNG) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, process.env.NIANBAO_KEEP_PNG]);
  });
});
