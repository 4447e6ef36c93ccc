/**
 * The chat page in Debian's Chromium with botframework-webchat (served by the bot, no CDN): typed answers and card
 * buttons, the server killed with SIGKILL and started again on the same port, the page reloaded into the same
 * conversation, the rest answered, the .docx downloaded by clicking the link. Screenshots in test/bot/screenshots/
 * (not committed).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BotProcess } from './support/bot-process.js';
import { DirectLineClient, activitiesText } from './support/directline-client.js';
import { recordInterview } from './support/recorded-interview.js';
import { hasChromium, launchChromium, requireChromiumInCi } from '../support/chromium.js';
import { freePort } from '../support/ports.js';

requireChromiumInCi();

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nianbao-webchat-'));
const processes: BotProcess[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

const botSays = (page: Page, text: string) =>
  page.locator('[role="log"], .webchat__basic-transcript').getByText(text, { exact: false }).last().waitFor({ timeout: 20_000 });

/** Runs `act` and waits until one more element of the transcript holds `text` than before. */
async function andWaitFor(page: Page, text: string, act: () => Promise<void>): Promise<void> {
  const count = () => page.evaluate((t) => [...document.querySelectorAll('.webchat__bubble__content, .ac-textBlock')].filter((e) => (e.textContent ?? '').includes(t)).length, text);
  const before = await count();
  await act();
  const until = Date.now() + 20_000;
  while ((await count()) <= before) {
    if (Date.now() > until) throw new Error(`the bot did not say: ${text}`);
    await page.waitForTimeout(100);
  }
}

const firstLine = (reply: string) => reply.split('\n').find((l) => l.trim() && !l.startsWith('['))!.trim().slice(0, 60);

async function type(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

describe.skipIf(!hasChromium)('webchat in Chromium', () => {
  it('interview through the page, kill -9 and reload, download the .docx', { timeout: 300_000 }, async () => {
    const turns = await recordInterview();
    const port = String(await freePort());
    const first = new BotProcess(join(dir, 'data'), { PORT: port });
    processes.push(first);
    const url = await first.ready();

    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const external: string[] = [];
    context.on('request', (r) => { if (!r.url().startsWith(url) && !/^(blob|data):/.test(r.url())) external.push(r.url()); });
    const page = await context.newPage();
    await page.goto(url);
    await botSays(page, '发送「你好」开始');

    // the first turns typed into the send box; the level chosen by pressing the card's button
    let i = 0;
    for (; i < turns.length && i < 12; i++) {
      const t = turns[i]!;
      await andWaitFor(page, firstLine(t.reply), async () => {
        if (typeof t.input === 'string') await type(page, t.input);
        else {
          const choice = (t.input.value as { choice: string }).choice;
          const title = choice === 'government' ? '政府' : choice === 'department' ? '部门' : choice;
          await page.locator('button.ac-pushButton', { hasText: title }).last().click();
        }
      });
    }
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'webchat-interview.png') });

    await first.kill9();
    const second = new BotProcess(join(dir, 'data'), { PORT: port });
    processes.push(second);
    await second.ready();
    await page.reload();
    // the page reconnects to the same conversation and the next answer goes to the question asked before the kill
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 });
    // and shows the conversation so far, replayed from the store (the process that showed it is gone)
    await botSays(page, turns[1]!.input as string);
    await botSays(page, firstLine(turns[i - 1]!.reply));
    await page.screenshot({ path: join(SHOTS, 'webchat-replay.png') });
    const t = turns[i]!;
    await andWaitFor(page, firstLine(t.reply), () => type(page, t.input as string));
    i++;

    // the rest of the answers through the page's own Direct Line conversation (its token from localStorage)
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('nianbao.directline') ?? '{}')) as { token: string; conversationId: string };
    const client = new DirectLineClient(`${url}v3/directline`, saved.token, saved.conversationId);
    await client.poll(); // skip what the page has already shown
    // (the recorded transcript names the file where the channel gives a signed link)
    const linkless = (text: string) => text.replace(/报告已生成：\[([^\]]+)\]\(http[^)]+\)\n\n下载链接 \d+ 小时内有效，请及时保存。/, '[download $1]');
    for (; i < turns.length; i++) expect(linkless(activitiesText(await client.send(turns[i]!.input)))).toBe(turns[i]!.reply);

    await type(page, '完成');
    const link = page.locator('a[href*="/files/"]').last();
    await link.waitFor({ timeout: 30_000 });
    await link.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'webchat-download.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = join(dir, 'report.docx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe('淮安市人民政府2024年政府信息公开工作年度报告.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
    expect(xml.replace(/<[^>]+>/g, '')).toContain('淮安市人民政府2024年政府信息公开工作年度报告');
    expect(xml).toContain('>3119<');
    expect(external).toEqual([]); // nothing loaded from anywhere but this server
  });
});
