/** The add-in on the fake Excel host: the laid-out sheet, and the live check on every committed edit. */
import { describe, expect, it } from 'vitest';
import { catalogue, FORMAT_IDS, FORMATS, tableGrids } from '../../shared/formats/index.js';
import { LAYOUT_TEXTS } from '../../shared/layout.js';
import { relations } from '../../shared/rules/relations.js';
import { consistentDraft, rng } from '../support/generate.js';
import { at, blocksOf, laidOut } from './support.js';
import { rectAddress } from './host/fake/model.js';
import { renameSheet } from './host/fake/structure.js';
import { PANE_TEXTS } from '../../addin/src/texts.js';
import { findNianbaoSheets, SheetSession } from '../../addin/src/session.js';

describe.each(FORMAT_IDS)('插入标准表格, format %s', (format) => {
  it('draws every grid cell of t2, t3 and t4 with its text, merges, names, validation, formats and the marker property', async () => {
    const { plan, sheet, host } = await laidOut(format);
    // Labels, headers, notes, captions: the texts of tableGrids, in the cells the plan puts them.
    const texts = plan.cells.filter((c) => c.text !== undefined);
    for (const c of texts) expect(sheet.value(c.row, c.col), c.address).toBe(c.text);
    const gridTexts = Object.values(tableGrids(format)).flatMap((g) => g.rows.flat().map((c) => c.text).filter(Boolean));
    for (const t of gridTexts) expect(texts.some((c) => c.text === t), t).toBe(true);
    expect(texts.some((c) => c.text === FORMATS[format].t3.note)).toBe(true);

    // Merges as planned.
    expect(sheet.merges.map(rectAddress).sort()).toEqual(plan.merges.map((m) => `${m.from}:${m.to}`).sort());

    // Inputs unlocked and tinted with the plan's number format; labels locked; totals start as SUM formulas.
    for (const c of plan.cells) {
      const m = sheet.peek(c.row, c.col)!;
      expect(m.locked, c.address).toBe(c.locked);
      if (c.fill) expect(m.fill, c.address).toBe(c.fill);
      if (c.numberFormat) expect(m.numberFormat, c.address).toBe(c.numberFormat);
      if (c.role === 'total') expect(m.formula, c.address).toBe(c.formula);
      if (c.role === 'input') expect(m.formula, c.address).toBeUndefined();
    }
    expect(plan.cells.filter((c) => c.role === 'total').length).toBeGreaterThan(0);
    expect(plan.cells.filter((c) => c.cellId).length).toBe(catalogue(format).cells.length);

    // Borders around every table; widths set.
    for (const t of plan.tables) {
      const [from] = t.ref.split(':');
      const top = plan.cells.find((c) => c.address === from)!;
      expect(sheet.peek(top.row, top.col)?.borders?.EdgeTop, t.ref).toBe('Continuous');
    }
    expect(sheet.columnWidths.size).toBe(plan.columnWidths.length);

    // Names belong to the sheet (each 年报 sheet owns its own); the sheet is protected without a password.
    expect([...sheet.names.values()].map((n) => [n.name, n.ref])).toEqual(plan.names.map((n) => [n.name, n.ref]));
    expect(sheet.protection).toMatchObject({ options: { allowFormatCells: false, allowSort: false, allowInsertRows: false } });
    expect(sheet.protection!.password).toBeUndefined();
    expect(host.workbook.settings.get('Office.AutoShowTaskpaneWithDocument')).toBe(true);

    // Native validation with the Chinese alerts of the plan, per kind.
    expect(sheet.validations).toHaveLength(plan.validations.length);
    for (const v of plan.validations) {
      const m = sheet.validations.find((x) => rectAddress(x.rect) === v.ref.replace(/\$/g, '') || `${rectAddress(x.rect)}:${rectAddress(x.rect)}` === v.ref)!;
      expect(m, v.ref).toBeDefined();
      const basic = v.type === 'whole' ? m.rule?.wholeNumber : m.rule?.decimal;
      expect(basic?.formula1, v.ref).toBe(v.formula1);
      expect(m.errorAlert).toMatchObject({ title: LAYOUT_TEXTS.validation[v.kind].errorTitle, message: v.error, style: 'Stop', showAlert: true });
    }

    // The sheet's conditional formats are the plan's (from relations), and the sheet is marked with its format.
    expect(sheet.conditionalFormats.map((c) => [rectAddress(c.rect), c.formula])).toEqual(plan.conditionalFormats.map((c) => [c.ref, c.formula]));
    expect(sheet.customProperties.get('nianbao.format')).toBe(format);
  });

  it('refuses a bad entry with the Chinese alert, as Excel validation does', async () => {
    const { plan, host } = await laidOut(format);
    const count = at(plan, 't3.new.natural');
    const r = host.type(`'${plan.sheetName}'!${count.address}`, '-3');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.alert?.message).toBe(LAYOUT_TEXTS.validation.count.error);
  });

  it('paste of a whole consistent table → no findings; then one edit → the finding, its note, in at most 2 syncs', async () => {
    const { plan, host, session, sheet } = await laidOut(format);
    const draft = consistentDraft(format, rng(format === '2019' ? 7 : 11));
    for (const b of blocksOf(plan, draft)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    await host.idle();
    expect(session.last!.findings).toEqual([]);
    expect(sheet.notes.size).toBe(0);

    // Break t3 row 「一、本年新收」: its total is now wrong.
    const cell = at(plan, 't3.new.natural');
    const before = host.syncs;
    host.type(`'${plan.sheetName}'!${cell.address}`, String(Number(draft.cells['t3.new.natural']) + 1));
    await host.idle();
    expect(host.syncs - before).toBeLessThanOrEqual(2);
    const rules = session.last!.findings.map((f) => f.rule);
    expect(rules).toContain('t3.row-total');
    expect(rules).toContain('t3.balance');
    const rowTotal = session.last!.findings.find((f) => f.rule === 't3.row-total')!;
    expect(rowTotal.cells[0]).toBe('t3.new.total');
    const total = at(plan, 't3.new.total');
    expect(sheet.notes.get(total.address)).toContain(rowTotal.message);
    expect(sheet.notes.get(total.address)!.startsWith(PANE_TEXTS.notePrefix)).toBe(true);
    // The wrong total is red in the sheet itself (conditional format), with no round trip.
    expect(sheet.shownFormat(total.row, total.col).conditional).toBe(true);

    // Undo → the note goes away, no findings again.
    host.undo();
    await host.idle();
    expect(session.last!.findings).toEqual([]);
    expect(sheet.notes.size).toBe(0);
    expect(sheet.shownFormat(total.row, total.col).conditional).toBe(false);
  });

  it('a total SUM formula follows its parts; overwriting it with a wrong number is flagged', async () => {
    const { plan, host, session } = await laidOut(format);
    const draft = consistentDraft(format, rng(3));
    for (const b of blocksOf(plan, draft)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    await host.idle();
    const sum = relations(format).find((r) => r.rule === 't4.group-total')!;
    const total = at(plan, sum.actual[0]!.ref);
    host.type(`'${plan.sheetName}'!${total.address}`, String(Number(draft.cells[sum.actual[0]!.ref]) + 5));
    await host.idle();
    const f = session.last!.findings.find((x) => x.rule === 't4.group-total')!;
    expect(f.actual! - f.expected!).toBe(5);
  });
});

describe('reopening the workbook', () => {
  it('recognises its sheet by the custom property and takes over the notes it left, leaving the user\'s alone', async () => {
    const { plan, host, sheet } = await laidOut('2021');
    const draft = consistentDraft('2021', rng(13));
    for (const b of blocksOf(plan, draft)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    host.type(`'${plan.sheetName}'!${at(plan, 't4.review.total').address}`, '12345');
    await host.idle();
    const ours = at(plan, 't4.review.total').address;
    expect(sheet.notes.get(ours)).toBeDefined();
    const user = at(plan, 't3.new.total').address;
    sheet.notes.set(user, '复核人：张三');

    // The pane is closed and opened again: it finds the sheet and its format, year and agency.
    host.closePane();
    expect(host.handlerCount(plan.sheetName)).toBe(0);
    const [info, ...others] = await findNianbaoSheets(host);
    expect(others).toEqual([]);
    expect(info).toMatchObject({ name: plan.sheetName, format: '2021', year: 2024, agency: '测试市测试局' });
    const again = new SheetSession(host, info!);
    await again.attach();
    // The clerk mends the total: the old note (from the earlier session) goes, the user's stays.
    host.type(`'${plan.sheetName}'!${ours}`, draft.cells['t4.review.total']!);
    await host.idle();
    expect(again.last!.findings).toEqual([]);
    expect(sheet.notes.has(ours)).toBe(false);
    expect(sheet.notes.get(user)).toBe('复核人：张三');
  });
});

describe('own writes and the user\'s formatting', () => {
  it('ignores events raised by its own writes, and does not loop', async () => {
    const { plan, host, session } = await laidOut('2021');
    const before = host.syncs;
    await session.handle(host.changedArgs(host.sheet(plan.sheetName), 'D5', 'ThisLocalAddin'));
    await host.idle();
    expect(host.syncs).toBe(before);
    // Its own note writes raise no events at all (events are off while it writes).
    const events = host.events.length;
    const draft = consistentDraft('2021', rng(5));
    for (const b of blocksOf(plan, draft)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    host.type(`'${plan.sheetName}'!${at(plan, 't4.review.total').address}`, '999999');
    await host.idle();
    expect(host.events.slice(events).every((e) => e.triggerSource === 'Unknown')).toBe(true);
    expect(host.sheet(plan.sheetName).notes.size).toBeGreaterThan(0);
  });

  it('follows the sheet when the clerk renames it', async () => {
    const { plan, host, session, sheet } = await laidOut('2021');
    renameSheet(host.workbook, sheet, '2024年报');
    const t = at(plan, 't4.review.total');
    for (const [c, v] of [['upheld', '1'], ['corrected', '0'], ['other', '0'], ['pending', '0']]) host.type(`'2024年报'!${at(plan, `t4.review.${c}`).address}`, v!);
    host.type(`'2024年报'!${t.address}`, '5');
    await host.idle();
    expect(session.sheet.name).toBe('2024年报');
    expect(session.last!.layout.problems).toEqual([]);
    expect(sheet.notes.get(t.address)).toContain(session.last!.findings.find((f) => f.rule === 't4.group-total')!.message);
  });

  it('keeps the user\'s own fill and notes', async () => {
    const { plan, host, sheet } = await laidOut('2021');
    const t = at(plan, 't4.review.total');
    sheet.cell(t.row, t.col).fill = '#00FF00';
    sheet.notes.set(t.address, '我自己的批注');
    host.type(`'${plan.sheetName}'!${at(plan, 't4.review.upheld').address}`, '3');
    host.type(`'${plan.sheetName}'!${t.address}`, '7');
    await host.idle();
    expect(sheet.peek(t.row, t.col)!.fill).toBe('#00FF00');
    expect(sheet.notes.get(t.address)).toBe('我自己的批注');
  });

  it('works without notes and without triggerSource on ExcelApi 1.12', async () => {
    const { plan, host, session } = await laidOut('2019', { api: '1.12' });
    expect(session.notesSupported).toBe(false);
    const draft = consistentDraft('2019', rng(9));
    for (const b of blocksOf(plan, draft)) host.paste(`'${plan.sheetName}'!${b.at}`, b.rows);
    await host.idle();
    expect(session.last!.findings).toEqual([]);
    const before = host.syncs;
    host.type(`'${plan.sheetName}'!${at(plan, 't3.new.natural').address}`, '100000');
    await host.idle();
    expect(host.syncs - before).toBe(1);
    expect(session.last!.findings.some((f) => f.rule === 't3.row-total')).toBe(true);
  });
});
