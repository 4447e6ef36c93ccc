/**
 * The report preview in Microsoft 365 Agents Playground (a Teams-like client that draws Adaptive Cards with the
 * renderer Teams uses), run offline from node_modules and bound to loopback (support/loopback.cjs), talking to the
 * bot server's /api/messages as channel `msteams`; the page driven in Debian's Chromium with every request off this
 * machine refused. The scripted 2021 clerk answers up to the narrative, then asks for 预览: it arrives as a card
 * whose tables are ColumnSets, marked 草稿, and its button brings the draft .docx. Screenshots in test/bot/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BotProcess } from './support/bot-process.js';
import { noApplications2021, recordScript } from './support/scripted-clerks.js';
import { hasChromium, launchChromium, requireChromiumInCi } from '../support/chromium.js';
import { freePort } from '../support/ports.js';

requireChromiumInCi();
const PLAYGROUND = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
const LOOPBACK = fileURLToPath(new URL('./support/loopback.cjs', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'nianbao-playground-'));
const processes: BotProcess[] = [];
let playground: ChildProcess | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  playground?.kill('SIGTERM');
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** How often the page shows `text` (chat pane and log panel). */
const shown = (page: Page, text: string) => page.evaluate((t) => document.body.innerText.split(t).length - 1, text);

/** Types a message into the Playground's compose box and waits until the page shows `expect` once more than before. */
async function send(page: Page, text: string, expectText: string): Promise<void> {
  const before = await shown(page, expectText);
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  const until = Date.now() + 30_000;
  while ((await shown(page, expectText)) <= before) {
    if (Date.now() > until) throw new Error(`the bot did not say: ${expectText}`);
    await page.waitForTimeout(150);
  }
}

const firstLine = (reply: string) => reply.split('\n').find((l) => l.trim() && !l.startsWith('['))!.trim().slice(0, 24);

describe.skipIf(!hasChromium)('Agents Playground', () => {
  it('shows 预览 as an Adaptive Card with the tables as ColumnSets, marked 草稿', { timeout: 300_000 }, async () => {
    const turns = await recordScript(noApplications2021());
    const port = await freePort();
    // local mode replies only to the server's own address: the Playground's connector is named, as a user would
    const bot = new BotProcess(join(dir, 'data'), {
      PORT: String(await freePort()), NIANBAO_ALLOWED_SERVICE_URLS: `http://127.0.0.1:${port}/,http://localhost:${port}/`,
    });
    processes.push(bot);
    const url = await bot.ready();
    playground = spawn(process.execPath, ['--require', LOOPBACK, PLAYGROUND, '-e', `${url}api/messages`, '-c', 'msteams', '-p', String(port), '--dt'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Playground did not start:\n${out.join('')}`)), 60_000);
      playground!.stdout!.setEncoding('utf8').on('data', (s: string) => {
        out.push(s);
        if (/Listening on/.test(out.join(''))) { clearTimeout(timer); resolve(); }
      });
      playground!.stderr!.setEncoding('utf8').on('data', (s: string) => out.push(s));
    });

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const external: string[] = [];
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (r) => { external.push(r.request().url()); return r.abort(); });
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'domcontentloaded' });
    await page.getByText('发送「你好」开始').first().waitFor({ timeout: 30_000 });

    // the clerk's answers up to the first narrative part, card choices typed as their values
    const upTo = turns.findIndex((t) => t.reply.includes('【一、总体情况'));
    for (const t of turns.slice(0, upTo + 1)) {
      const text = typeof t.input === 'string' ? t.input : String((t.input.value as { choice: string }).choice);
      await send(page, text, firstLine(t.reply));
    }
    await send(page, '预览', '草稿 · 未定稿，不可发布');
    const card = page.locator('.ac-adaptiveCard', { hasText: '草稿 · 未定稿，不可发布' }).last();
    await card.waitFor();
    // t2 (all 0) and t4 as ColumnSets with their headers, t3's zero rows counted, the lead part unanswered
    // a ColumnSet draws its columns side by side: t4's column headers share a line, left to right
    const box = async (t: string) => (await card.locator('.ac-textBlock', { hasText: t }).first().boundingBox())!;
    const [upheld, pending, review] = [await box('结果维持'), await box('尚未审结'), await box('行政复议')];
    expect(Math.abs(upheld.y - pending.y)).toBeLessThan(4);
    expect(pending.x).toBeGreaterThan(upheld.x);
    expect(review.x).toBeLessThan(upheld.x);
    const text = await card.innerText();
    for (const s of ['天福街道办事处2021年政府信息公开工作年度报告', '第二十条第（一）项', '本年制发件数', '行政规范性文件', '其余 24 行均为 0', '结果维持', '（未填写）', '统计期限自2021年1月1日起至2021年12月31日止']) expect(text).toContain(s);
    mkdirSync(SHOTS, { recursive: true });
    await card.screenshot({ path: join(SHOTS, 'playground-preview-card.png') });
    await page.screenshot({ path: join(SHOTS, 'playground-preview.png') });
    // the card's button asks for the draft .docx
    const before = await shown(page, '（草稿）.docx');
    await card.getByRole('button', { name: '下载 Word 文档' }).click();
    const until = Date.now() + 30_000;
    while ((await shown(page, '（草稿）.docx')) <= before && Date.now() < until) await page.waitForTimeout(150);
    expect(await shown(page, '（草稿）.docx')).toBeGreaterThan(before);
    // offline: the only requests off this machine were the Playground's own CDN assets (web fonts, an animation
    // script), all refused, and the card rendered without them
    expect(external.filter((u) => !u.startsWith('https://res-1.cdn.office.net/')), external.join(' ')).toEqual([]);
  });
});
