/**
 * What a real workbook does to the grid, on the fake host with Excel's semantics: rows inserted above and inside a
 * block (names and formulas move), a deleted name, 「修复表格」, the protected grid and a clerk's password, two 年报
 * sheets in one workbook, last year's report surviving a reopen, and the pane opening with the workbook.
 */
import { describe, expect, it } from 'vitest';
import { relations } from '../../shared/rules/relations.js';
import { parseRange, sheetPlan } from '../../shared/layout.js';
import { FakeExcelHost } from './host/fake-excel.js';
import { findNianbaoSheets, previousSetting, SheetSession } from '../../addin/src/session.js';
import { insertStandardSheet, PROPERTY_AGENCY, PROPERTY_YEAR, writePlan } from '../../addin/src/layout-writer.js';
import { PANE_TEXTS } from '../../addin/src/texts.js';
import { consistentDraft, previousOf, rng } from '../support/generate.js';
import { at, blocksOf, laidOut, YEAR } from './support.js';

/** t4 行政复议: every part filled (a sum with a blank part is not checked), 2 + 0 + 0 + 0. */
function typeParts(host: Awaited<ReturnType<typeof laidOut>>['host'], plan: Awaited<ReturnType<typeof laidOut>>['plan']): void {
  for (const [c, v] of [['upheld', '2'], ['corrected', '0'], ['other', '0'], ['pending', '0']] as const) {
    expect(host.type(`'${plan.sheetName}'!${at(plan, `t4.review.${c}`).address}`, v).ok).toBe(true);
  }
}

const t3Top = (plan: { names: { name: string; ref: string }[] }) => parseRange(plan.names.find((n) => n.name === 'NB_T3')!.ref)!.top;

async function filled(format: '2019' | '2021' = '2021', seed = 31) {
  const laid = await laidOut(format);
  const draft = consistentDraft(format, rng(seed));
  for (const b of blocksOf(laid.plan, draft)) laid.host.paste(`'${laid.plan.sheetName}'!${b.at}`, b.rows);
  await laid.host.idle();
  expect(laid.session.last!.findings).toEqual([]);
  laid.host.unprotect(laid.plan.sheetName); // the clerk lifts the protection to change the layout
  return { ...laid, draft };
}

describe('structure changes', () => {
  it('a row inserted above t3: names and formulas move, the grid still reads as consistent, shape unchanged', async () => {
    const { plan, host, session, sheet, draft } = await filled();
    expect(host.shiftRows(plan.sheetName, t3Top(plan) - 3, 1)).toBe(true);
    await host.idle();
    expect(session.last!.layout.problems).toEqual([]);
    expect(session.last!.findings).toEqual([]);
    // The cells are where Excel moved them: one row down.
    const moved = parseRange(session.last!.layout.addressOf['t3.new.natural']!)!;
    expect(moved.top).toBe(at(plan, 't3.new.natural').row + 1);
    expect(String(sheet.value(moved.top, moved.left))).toBe(draft.cells['t3.new.natural']);
    // An edit at the new place is checked at the new place, and its note lands there too.
    const total = parseRange(session.last!.layout.addressOf['t3.new.total']!)!;
    host.type(`'${plan.sheetName}'!${session.last!.layout.addressOf['t3.new.total']}`, '999999');
    await host.idle();
    expect(session.last!.findings.some((f) => f.rule === 't3.row-total')).toBe(true);
    expect(sheet.notes.get(session.last!.layout.addressOf['t3.new.total']!)).toContain(PANE_TEXTS.notePrefix);
    expect(total.top).toBe(at(plan, 't3.new.total').row + 1);
  });

  it('a row inserted inside t3 is noticed; the numbers are still found by their labels; 「修复表格」 rewrites the grid keeping every number', async () => {
    const { plan, host, session, sheet, draft } = await filled();
    const inside = at(plan, 't3.carried.natural').row; // insert before 「二、上年结转」, inside NB_T3
    host.shiftRows(plan.sheetName, inside + 1, 1);
    await host.idle();
    const { layout, findings } = session.last!;
    expect(layout.problems.join()).toMatch(/表三.*NB_T3.*26 行.*应为 25 行/);
    expect(layout.lost).toEqual([]);
    expect(findings).toEqual([]); // every number read from its labelled row, none from the empty inserted row
    // A clerk typed over a total (kept by repair, still flagged), and the sheet is protected again.
    const t4total = session.last!.layout.addressOf['t4.review.total']!;
    host.type(`'${plan.sheetName}'!${t4total}`, '777');
    await host.idle();
    host.protect(plan.sheetName);

    const r = await session.repair();
    await host.idle();
    expect(r.lost).toBe(0);
    expect(session.last!.layout.problems).toEqual([]);
    // The grid is back at its planned addresses, with its names, formulas and protection.
    for (const c of plan.cells) {
      // The pasted totals were numbers, and numbers are kept; every input is back at its planned address.
      if (c.cellId && c.cellId !== 't4.review.total') expect(String(sheet.value(c.row, c.col)), c.address).toBe(draft.cells[c.cellId] ?? '');
      if (c.text !== undefined) expect(sheet.value(c.row, c.col), c.address).toBe(c.text);
    }
    expect(sheet.value(at(plan, 't4.review.total').row, at(plan, 't4.review.total').col)).toBe(777);
    expect([...sheet.names.values()].map((n) => n.ref)).toEqual(plan.names.map((n) => n.ref));
    expect(sheet.protection).toBeDefined();
    expect(session.last!.findings.map((f) => f.rule)).toEqual(['t4.group-total']);
  });

  it('a deleted name is noticed once per change, and the grid is still read by its labels', async () => {
    const { plan, host, session } = await filled('2019', 5);
    expect(host.deleteName('NB_T4_1', plan.sheetName)).toBe(true);
    host.type(`'${plan.sheetName}'!${at(plan, 't4.review.upheld').address}`, String(Number(session.last!.cells['t4.review.upheld']) + 1));
    await host.idle();
    expect(session.last!.layout.problems).toEqual(['表四的名称 NB_T4_1 已被删除']);
    expect(session.last!.findings.map((f) => f.rule)).toContain('t4.group-total');
  });

  it('a deleted row inside t3 loses only that row\'s cells, and repair says how many', async () => {
    const { plan, host, session } = await filled();
    const row = at(plan, 't3.carried.natural').row;
    host.shiftRows(plan.sheetName, row + 1, -1);
    await host.idle();
    const lostIds = plan.cells.filter((c) => c.cellId && c.row === row).map((c) => c.cellId!).sort();
    expect(session.last!.layout.lost.sort()).toEqual(lostIds);
    const r = await session.repair();
    expect(r.lost).toBe(lostIds.length);
    expect(session.last!.layout.problems).toEqual([]);
  });
});

describe('protection', () => {
  it('labels and formulas refuse typing; the pane still writes its notes on the protected sheet; the protection stays', async () => {
    const { plan, host, session, sheet } = await laidOut('2021');
    const label = plan.cells.find((c) => c.role === 'label')!;
    expect(host.type(`'${plan.sheetName}'!${label.address}`, '改掉')).toMatchObject({ ok: false, protectedCell: true });
    expect(host.shiftRows(plan.sheetName, 30, 1)).toBe(false);
    const total = at(plan, 't4.review.total');
    typeParts(host, plan);
    host.type(`'${plan.sheetName}'!${total.address}`, '5');
    await host.idle();
    expect(sheet.notes.get(total.address)).toContain(PANE_TEXTS.notePrefix);
    expect(sheet.protection).toBeDefined();
    expect(session.last!.findings.some((f) => f.rule === 't4.group-total')).toBe(true);
  });

  it('a sheet the clerk protected with a password: one clear notice, no retry on every edit, checks go on', async () => {
    const { plan, host, session, sheet } = await laidOut('2021');
    host.unprotect(plan.sheetName);
    host.protect(plan.sheetName, '1234');
    const notices: string[] = [];
    session.onNotice = (t) => notices.push(t);
    const total = at(plan, 't4.review.total');
    typeParts(host, plan);
    host.type(`'${plan.sheetName}'!${total.address}`, '5');
    await host.idle();
    expect(notices).toEqual([PANE_TEXTS.notesNeedUnprotect(plan.sheetName)]);
    expect(sheet.notes.size).toBe(0);
    expect(session.last!.findings.some((f) => f.rule === 't4.group-total')).toBe(true);
    // Further edits: one sync each (the read), no attempt to unprotect again, no second notice.
    const before = host.syncs;
    host.type(`'${plan.sheetName}'!${total.address}`, '6');
    await host.idle();
    expect(host.syncs - before).toBe(1);
    expect(notices).toHaveLength(1);
    // Writing (import, repair) says the same clearly instead of failing obscurely.
    await expect(session.fill({ 't3.carried.natural': '1' })).rejects.toThrow(PANE_TEXTS.passwordProtected(plan.sheetName));
    // Once the clerk lifts the password, notes come back on the next edit.
    expect(host.unprotect(plan.sheetName, '1234')).toBe(true);
    host.type(`'${plan.sheetName}'!${total.address}`, '7');
    await host.idle();
    expect(sheet.notes.get(total.address)).toContain(PANE_TEXTS.notePrefix);
  });
});

describe('several 年报 sheets in one workbook', () => {
  it('each sheet is its own report with its own names; a wrong total in the first is reported for the first', async () => {
    const { host, plan, session } = await laidOut('2021');
    const second = await insertStandardSheet(host, { format: '2019', year: YEAR['2019'], agency: '测试市测试局' });
    await host.idle();
    const infos = await findNianbaoSheets(host);
    expect(infos.map((i) => i.name)).toEqual([plan.sheetName, second.plan.sheetName]);
    expect(new Set(infos.map((i) => i.key)).size).toBe(2);
    const other = new SheetSession(host, infos[1]!);
    await other.attach();
    await other.schedule();
    expect(other.last!.layout.problems).toEqual([]);
    expect(host.sheet(second.plan.sheetName).names.size).toBe(second.plan.names.length);

    typeParts(host, plan);
    host.type(`'${plan.sheetName}'!${at(plan, 't4.review.total').address}`, '9');
    await host.idle();
    expect(session.last!.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['t4.group-total']);
    expect(other.last!.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('last year stays in the workbook', () => {
  it('「导入上年报告」 is kept in the settings and restored on reopen, so carry.* checks persist', async () => {
    const { host, plan, session } = await laidOut('2021');
    const thisYear = consistentDraft('2021', rng(8));
    const last = previousOf(thisYear);
    await session.usePrevious({ year: last.year, format: last.format, cells: last.cells });
    await host.idle();
    expect(host.workbook.settings.has(previousSetting(session.sheet.key))).toBe(true);
    const carried = at(plan, 't3.carried.natural');
    host.type(`'${plan.sheetName}'!${carried.address}`, String(Number(last.cells['t3.carry-forward.natural']) + 3));
    await host.idle();
    const carryRules = (s: SheetSession) => s.last!.findings.filter((f) => f.rule.startsWith('carry.')).map((f) => f.rule);
    expect(carryRules(session).length).toBeGreaterThan(0);

    host.closePane();
    const [info] = await findNianbaoSheets(host);
    const reopened = new SheetSession(host, info!);
    await reopened.attach();
    await reopened.schedule();
    expect(reopened.previous?.year).toBe(last.year);
    expect(carryRules(reopened)).toEqual(carryRules(session));
    expect(host.workbook.settings.get('Office.AutoShowTaskpaneWithDocument')).toBe(true);
    expect(relations('2021').some((r) => r.rule.startsWith('carry.'))).toBe(true);
  });
});

describe('a sheet laid out by the earlier version (t4 as one fifteen-column row, workbook-wide names)', () => {
  it('is read as it is, with no shape warning; 「修复表格」 turns it into the current layout keeping every number', async () => {
    const host = new FakeExcelHost();
    const old = sheetPlan('2021', { agency: '旧局', year: 2024, wideTables: 'row' });
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add(old.sheetName);
      writePlan(ws, old, { [PROPERTY_YEAR]: '2024', [PROPERTY_AGENCY]: '旧局' });
      for (const n of old.names) ctx.workbook.names.add(n.name, `=${n.ref}`);
      await ctx.sync();
    });
    const draft = consistentDraft('2021', rng(77));
    for (const b of blocksOf(old, draft)) host.paste(`'${old.sheetName}'!${b.at}`, b.rows);
    const [info] = await findNianbaoSheets(host);
    const session = new SheetSession(host, info!);
    await session.attach();
    await session.schedule();
    expect(session.last!.layout.problems).toEqual([]);
    expect(session.last!.findings).toEqual([]);
    expect(session.last!.layout.addressOf['t4.suit-after-review.total']).toBe(old.addressOf['t4.suit-after-review.total']);

    const r = await session.repair();
    expect(r).toMatchObject({ lost: 0 });
    const now = sheetPlan('2021', { agency: '旧局', year: 2024 });
    const sheet = host.sheet(old.sheetName);
    for (const [id, a] of Object.entries(now.addressOf)) {
      const p = parseRange(a)!;
      expect(String(sheet.value(p.top, p.left)), id).toBe(draft.cells[id] ?? '');
    }
    expect(host.workbook.names.size).toBe(0);
    expect([...sheet.names.keys()]).toEqual(now.names.map((n) => n.name));
    expect(session.last!.layout.problems).toEqual([]);
    expect(session.last!.findings).toEqual([]);
  });
});
