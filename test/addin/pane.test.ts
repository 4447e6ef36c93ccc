// @vitest-environment happy-dom
/**
 * The pane itself (its real markup, in happy-dom) on the fake host: two 年报 sheets, each checked on its own, the
 * findings shown for the sheet being edited and named; a damaged grid said once with 「修复表格」; the Office theme.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPane } from '../../addin/src/pane.js';
import { insertStandardSheet } from '../../addin/src/layout-writer.js';
import { applyOfficeTheme } from '../../addin/src/theme.js';
import { at } from './support.js';
import { FakeExcelHost } from './host/fake-excel.js';

const markup = readFileSync(join(import.meta.dirname, '../../addin/static/taskpane.html'), 'utf8');

function freshDocument(): Document {
  document.documentElement.className = '';
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(markup)![1]!;
  return document;
}

const text = (id: string) => document.getElementById(id)!.textContent ?? '';
const until = async (ok: () => boolean, host: FakeExcelHost) => {
  for (let i = 0; i < 50 && !ok(); i++) { await host.idle(); await new Promise((r) => setTimeout(r, 5)); }
  expect(ok()).toBe(true);
};

describe('the pane with several 年报 sheets', () => {
  it('checks each sheet, follows the sheet the clerk edits, names it, and lets the clerk pick', async () => {
    const host = new FakeExcelHost();
    const a = await insertStandardSheet(host, { format: '2021', year: 2024, agency: '甲局' });
    const b = await insertStandardSheet(host, { format: '2021', year: 2024, agency: '乙局' });
    const pane = startPane(host, freshDocument(), { now: new Date('2025-03-01') });
    await pane.ready;
    await host.idle();
    expect(pane.sessions().map((s) => s.sheet.name)).toEqual([a.plan.sheetName, b.plan.sheetName]);
    expect(text('status')).toContain('2 张年报表格');
    expect(document.getElementById('sheet-picker')!.hidden).toBe(false);

    // A wrong total in the first sheet: the pane shows the first sheet's findings, named, and the badge counts them.
    for (const [c, v] of [['upheld', '2'], ['corrected', '0'], ['other', '0'], ['pending', '0'], ['total', '9']] as const) {
      host.type(`'${a.plan.sheetName}'!${at(a.plan, `t4.review.${c}`).address}`, v);
    }
    await until(() => text('badge') === '1', host);
    expect(pane.session()!.sheet.name).toBe(a.plan.sheetName);
    expect(text('summary')).toContain(`工作表“${a.plan.sheetName}”`);
    const options = [...(document.getElementById('sheet') as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual([`${a.plan.sheetName}（1 个错误）`, `${b.plan.sheetName}（0 个错误）`]);

    // The clerk picks the second sheet: its (clean) findings are shown.
    const picker = document.getElementById('sheet') as HTMLSelectElement;
    picker.value = pane.sessions()[1]!.sheet.key;
    picker.dispatchEvent(new Event('change'));
    expect(pane.session()!.sheet.name).toBe(b.plan.sheetName);
    expect(text('badge')).toBe('0');
    expect(text('summary')).toContain(`工作表“${b.plan.sheetName}”`);
  });

  it('says once that a grid lost its shape, and 「修复表格」 mends it', async () => {
    const host = new FakeExcelHost();
    const { plan } = await insertStandardSheet(host, { format: '2021', year: 2024, agency: '甲局' });
    const pane = startPane(host, freshDocument(), { now: new Date('2025-03-01') });
    await pane.ready;
    host.type(`'${plan.sheetName}'!${at(plan, 't3.new.natural').address}`, '4');
    host.unprotect(plan.sheetName);
    host.shiftRows(plan.sheetName, at(plan, 't3.carried.natural').row + 1, 1);
    await until(() => !document.getElementById('shape')!.hidden, host);
    expect(text('shape-text')).toContain('表格结构已被改动');
    expect(text('shape-text')).toContain('NB_T3');
    (document.getElementById('repair') as HTMLButtonElement).click();
    await until(() => document.getElementById('shape')!.hidden, host);
    expect(text('status')).toContain('表格已修复，保留了 1 个已填的数字');
    expect(String(host.sheet(plan.sheetName).value(at(plan, 't3.new.natural').row, at(plan, 't3.new.natural').col))).toBe('4');
    // The total that was still a formula gets the format's formula back (and adds up the kept number).
    const total = at(plan, 't3.new.total');
    expect(host.sheet(plan.sheetName).peek(total.row, total.col)!.formula).toBe(plan.cells.find((c) => c.cellId === 't3.new.total')!.formula);
    expect(host.sheet(plan.sheetName).value(total.row, total.col)).toBe(4);
  });
});

describe('Office theme', () => {
  it('a dark Office theme turns the pane dark; a light one keeps it light; body colours taken when they contrast', () => {
    const doc = freshDocument();
    expect(applyOfficeTheme(doc, { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' })).toBe('dark');
    expect(doc.documentElement.classList.contains('dark')).toBe(true);
    expect(doc.documentElement.style.getPropertyValue('--bg')).toBe('#262626');
    expect(applyOfficeTheme(doc, { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#DDDDDD' })).toBe('light');
    expect(doc.documentElement.classList.contains('light')).toBe(true);
    expect(applyOfficeTheme(doc, undefined)).toBeUndefined();
  });
});
