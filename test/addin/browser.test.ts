/**
 * End to end in Debian's Chromium: the built task pane (served by the add-in server over https) in an iframe, its
 * office.js replaced by a shim that hands it the fake Excel host of the parent page, which draws the sheet as a grid.
 * Type numbers into the grid, see the pane update, click a finding, take a screenshot.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAddinServer } from '../../addin/server.js';
import { sheetPlan } from '../../shared/layout.js';
import { hasChromium, launchChromium, requireChromiumInCi } from '../support/chromium.js';

requireChromiumInCi();
const SUPPORT = join(import.meta.dirname, 'host/browser');
export const SCREENSHOT = join(import.meta.dirname, '../../.data/addin-e2e.png');

describe.skipIf(!hasChromium)('task pane in Chromium with the fake Excel host', () => {
  let dir: string, server: { url: string; close(): Promise<void> }, browser: Browser, page: Page, pane: Frame;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-addin-e2e-'));
    await build({
      entryPoints: { 'host-page': join(SUPPORT, 'host-page.ts'), 'office-shim': join(SUPPORT, 'office-shim.ts') },
      outdir: dir, bundle: true, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent',
    });
    await copyFile(join(SUPPORT, 'host.html'), join(dir, 'host.html'));
    server = await startAddinServer({ port: 0, host: '127.0.0.1', testDir: dir, officeJsUrl: '/test/office-shim.js' });
    browser = await launchChromium();
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1500, height: 950 }, locale: 'zh-CN' });
    page = await context.newPage();
    await page.goto(`${server.url}test/host.html`);
    const f = page.frame({ url: /taskpane\.html/ });
    if (!f) throw new Error('task pane frame missing');
    pane = f;
    await pane.waitForFunction(() => document.getElementById('status')?.textContent !== '');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('inserts the sheet, flags a wrong total as the clerk types, and selects the cell from the pane', async () => {
    await pane.selectOption('#year', '2024');
    await pane.fill('#agency', '测试市测试局');
    await pane.click('#insert');
    await pane.waitForFunction(() => document.getElementById('status')!.textContent!.includes('已插入'));
    const plan = sheetPlan('2021', { agency: '测试市测试局', year: 2024 });
    await page.waitForSelector(`[data-sheet="${plan.sheetName}"]`);
    expect(await page.textContent('#grid')).toContain(plan.cells.find((c) => c.role === 'note')!.text!.slice(0, 10));
    expect(await pane.textContent('#badge')).toBe('0');

    const type = async (id: string, value: string) => {
      const input = page.locator(`input[data-address="${plan.addressOf[id]}"]`);
      await input.fill(value);
      await input.press('Enter');
      await page.evaluate(() => (window as unknown as { fakeHost: { idle(): Promise<void> } }).fakeHost.idle());
    };
    for (const [col, v] of [['upheld', '3'], ['corrected', '1'], ['other', '0'], ['pending', '2']] as const) await type(`t4.review.${col}`, v);
    // The SUM formula in the total adds up what was typed.
    await page.waitForFunction((a) => (document.querySelector(`input[data-address="${a}"]`) as HTMLInputElement | null)?.value === '6', plan.addressOf['t4.review.total']);
    expect(await pane.textContent('#badge')).toBe('0');

    // The clerk overwrites the total with a wrong number: the pane lists the finding, the badge counts it, the cell turns red.
    await type('t4.review.total', '9');
    await pane.waitForFunction(() => document.getElementById('badge')!.textContent === '1');
    const item = pane.locator('.finding.error', { hasText: 't4.group-total' });
    await expect(item.textContent()).resolves.toContain(plan.addressOf['t4.review.total']);
    const cell = page.locator(`td[data-cell="${plan.addressOf['t4.review.total']}"]`);
    await page.waitForFunction((a) => document.querySelector(`td[data-cell="${a}"]`)?.classList.contains('flagged'), plan.addressOf['t4.review.total']);
    expect(await cell.getAttribute('title')).toContain('年报助手');

    await item.click();
    await page.waitForFunction((a) => (window as unknown as { fakeHost: { workbook: { selection?: { address: string } } } }).fakeHost.workbook.selection?.address === a, plan.addressOf['t4.review.total']);

    await mkdir(join(import.meta.dirname, '../../.data'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    // Undo-like fix: write the right total back; the finding and the note go away.
    await type('t4.review.total', '6');
    await pane.waitForFunction(() => document.getElementById('badge')!.textContent === '0');
    expect(await cell.getAttribute('title')).toBeNull();

    // 导入上年报告: a draft JSON pasted into the pane; the importer script loads on demand and 上年结转 is prefilled.
    const last = { schema: 'nianbao.draft/1', year: 2023, format: '2021', agency: { name: '测试市测试局' },
      cells: { 't3.carry-forward.natural': '4', 't3.carry-forward.commercial': '1', 't3.carry-forward.research': '0',
        't3.carry-forward.nonprofit': '0', 't3.carry-forward.legal': '0', 't3.carry-forward.other': '0', 't3.carry-forward.total': '5' } };
    await pane.click('#import summary');
    await pane.fill('#import-text', JSON.stringify(last));
    await pane.click('#import-go');
    await pane.waitForFunction(() => document.getElementById('status')!.textContent!.includes('已导入 2023 年度报告'));
    expect(await pane.textContent('#status')).toContain('预填 7 个单元格');
    await page.waitForFunction((a) => (document.querySelector(`input[data-address="${a}"]`) as HTMLInputElement | null)?.value === '4', plan.addressOf['t3.carried.natural']);
  }, 60_000);

  /** axe-core inside the pane frame; returns the serious and critical violations. */
  async function axe(frame: Frame): Promise<{ id: string; impact: string; nodes: string[] }[]> {
    await frame.addScriptTag({ path: join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js') });
    return frame.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } })
        .axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
  }

  it.each(['light', 'dark'] as const)('at 320 px wide (%s), with findings shown, axe-core reports no serious violation', async (scheme) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 900, height: 900 }, locale: 'zh-CN', colorScheme: scheme });
    const p = await context.newPage();
    await p.goto(`${server.url}test/host.html?pane=320`);
    const f = p.frame({ url: /taskpane\.html/ })!;
    await f.waitForFunction(() => document.getElementById('status')?.textContent !== '');
    // Before anything is checked the badge says nothing.
    expect(await f.textContent('#badge')).toBe('');
    await f.selectOption('#year', '2024');
    await f.click('#insert');
    await f.waitForFunction(() => document.getElementById('status')!.textContent!.includes('已插入'));
    const plan = sheetPlan('2021', { year: 2024 });
    for (const [col, v] of [['upheld', '3'], ['corrected', '1'], ['other', '0'], ['pending', '2'], ['total', '9']] as const) {
      const input = p.locator(`input[data-address="${plan.addressOf[`t4.review.${col}`]}"]`);
      await input.fill(v);
      await input.press('Enter');
      await p.evaluate(() => (window as unknown as { fakeHost: { idle(): Promise<void> } }).fakeHost.idle());
    }
    await f.waitForFunction(() => document.getElementById('badge')!.textContent === '1');
    expect(await f.getAttribute('#badge', 'aria-label')).toBe('核对结果：1 个错误');
    expect(await f.getAttribute('#findings', 'aria-live')).toBe('polite');
    expect(await f.isVisible('#sheet-picker')).toBe(false); // one sheet: nothing to pick
    expect(await f.isVisible('#shape')).toBe(false);
    await f.click('#import summary');
    expect(await f.evaluate(() => (document.getElementById('pane') ?? document.body).scrollWidth <= 320)).toBe(true);
    const bg = await f.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(scheme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(255, 255, 255)');
    expect(await axe(f)).toEqual([]);
    await mkdir(join(import.meta.dirname, '../../.data'), { recursive: true });
    await p.screenshot({ path: join(import.meta.dirname, `../../.data/addin-320-${scheme}.png`) });
    await context.close();
  }, 60_000);

  it('outside Excel: the insert button is disabled, the badge empty, and the pane says where to open it', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 320, height: 700 }, locale: 'zh-CN' });
    const p = await context.newPage();
    // The real office.js, served locally (a server without the test shim), in a plain browser: Office.onReady reports no host.
    const plain = await startAddinServer({ port: 0, host: '127.0.0.1' });
    await p.goto(`${plain.url}taskpane.html`);
    await p.waitForFunction(() => document.getElementById('status')?.textContent !== '', undefined, { timeout: 30_000 });
    expect(await p.textContent('#status')).toContain('请在 Excel 中打开');
    expect(await p.isDisabled('#insert')).toBe(true);
    expect(await p.textContent('#badge')).toBe('');
    expect(await p.isVisible('#badge')).toBe(false);
    expect(await axe(p.mainFrame())).toEqual([]);
    await context.close();
    await plain.close();
  }, 60_000);
});
