/** The fake host keeps Office.js's discipline, so the pane's tests mean something. */
import { describe, expect, it } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';
import { isValidError } from 'office-addin-mock/lib/possibleErrors.js';
import { FakeExcelHost } from './host/fake-excel.js';

describe('fake Excel host', () => {
  it('throws PropertyNotLoaded before load + sync, counts syncs, and applies writes only at sync', async () => {
    const host = new FakeExcelHost();
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B1');
      r.values = [[1, '=A1+1']];
      expect(host.sheet().value(0, 0)).toBe('');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([[1, 2]]);
    });
    expect(host.syncs).toBe(1);
  });

  it('raises onChanged for the add-in\'s own writes with triggerSource ThisLocalAddin, none while events are off, Unknown for the user', async () => {
    const host = new FakeExcelHost();
    const seen: string[] = [];
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().onChanged.add(async (e) => { seen.push(`${e.address}:${e.triggerSource}`); });
      await ctx.sync();
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('A1').values = [[1]];
      ctx.runtime.enableEvents = false;
      ws.getRange('A2').values = [[2]];
      ctx.runtime.enableEvents = true;
      await ctx.sync();
    });
    host.paste('B1', [[1, 2], [3, 4]]);
    await host.idle();
    expect(seen).toEqual(['A1:ThisLocalAddin', 'B1:C2:Unknown']);
  });

  it('has no notes and no triggerSource below ExcelApi 1.18 / 1.14; rejects a bad array shape like Excel', async () => {
    const host = new FakeExcelHost({ api: '1.12' });
    expect(host.isSetSupported('ExcelApi', '1.12')).toBe(true);
    expect(host.isSetSupported('ExcelApi', '1.18')).toBe(false);
    await host.run(async (ctx) => {
      expect(() => ctx.workbook.notes).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
      ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B2').values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
    expect(host.changedArgs(host.sheet(), 'A1', 'ThisLocalAddin')).not.toHaveProperty('triggerSource');
  });
});

describe('Excel semantics the live grid relies on', () => {
  it('inserting and deleting rows moves cells, names of both scopes, formulas and conditional formats; deleted references become #REF!', async () => {
    const host = new FakeExcelHost();
    const s = host.sheet();
    s.enter(4, 1, 2); s.enter(5, 1, 3); s.enter(6, 1, '=SUM($B$5:$B$6)');
    host.workbook.names.set('BOOK', { name: 'BOOK', ref: 'Sheet1!$B$5:$B$6' });
    s.names.set('OWN', { name: 'OWN', ref: 'Sheet1!$B$7' });
    s.conditionalFormats.push({ rect: { top: 6, left: 1, bottom: 6, right: 1 }, formula: '=$B$7<>SUM($B$5:$B$6)' });
    expect(host.shiftRows('Sheet1', 6, 1)).toBe(true); // a row inside B5:B6
    expect(host.workbook.names.get('BOOK')!.ref).toBe('Sheet1!$B$5:$B$7');
    expect(s.names.get('OWN')!.ref).toBe('Sheet1!$B$8');
    expect(s.peek(7, 1)!.formula).toBe('=SUM($B$5:$B$7)');
    expect(s.value(7, 1)).toBe(5);
    expect(s.conditionalFormats[0]).toMatchObject({ rect: { top: 7, bottom: 7 }, formula: '=$B$8<>SUM($B$5:$B$7)' });
    expect(host.shiftColumns('Sheet1', 'A', 1)).toBe(true);
    expect(s.names.get('OWN')!.ref).toBe('Sheet1!$C$8');
    expect(host.shiftColumns('Sheet1', 'C', -1)).toBe(true);
    expect(s.names.get('OWN')!.ref).toBe('Sheet1!#REF!');
    await host.run(async (ctx) => {
      const own = ctx.workbook.worksheets.getActiveWorksheet().names.load('items/name,items/formula,items/type');
      await ctx.sync();
      expect(own.items.map((n) => [n.name, n.formula, n.type])).toEqual([['OWN', '=Sheet1!#REF!', 'Error']]);
    });
  });

  it('protection: locked cells refuse writes with AccessDenied, unlocked ones accept; (un)protect twice is AccessDenied; a password is needed to unprotect', async () => {
    const host = new FakeExcelHost();
    const s = host.sheet();
    s.cell(0, 1).locked = false;
    host.protect('Sheet1', 'pw');
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('B1').values = [[1]];
      await ctx.sync();
      ws.getRange('A1').values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      ws.protection.unprotect();
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      ws.protection.unprotect('pw');
      ws.getRange('A1').values = [[2]];
      const p = ws.protection.load('protected');
      await ctx.sync();
      expect(p.protected).toBe(false);
      ws.protection.unprotect();
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    });
    expect([s.value(0, 0), s.value(0, 1)]).toEqual([2, 1]);
    expect(host.type('Sheet1!A1', '3')).toMatchObject({ ok: true });
  });

  it('settings keep JSON values with the workbook; a missing one is a null object', async () => {
    const host = new FakeExcelHost();
    await host.run(async (ctx) => {
      ctx.workbook.settings.add('k', { a: [1, '2'] });
      const missing = ctx.workbook.settings.getItemOrNullObject('nope').load('value');
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      const k = ctx.workbook.settings.getItemOrNullObject('k').load('value');
      await ctx.sync();
      expect(k.value).toEqual({ a: [1, '2'] });
    });
  });
});

/**
 * The load/sync discipline of the subset, cross-checked against Microsoft's office-addin-mock: a property read
 * before load, or after load but before sync, is not available in either; after load + sync it is; a write is seen
 * after the next load + sync. (office-addin-mock returns error strings where Office throws.)
 */
describe('cross-check with office-addin-mock', () => {
  type Outcome = { kind: 'value'; value: unknown } | { kind: 'unavailable' };
  const outcome = (read: () => unknown): Outcome => {
    try {
      const v = read();
      if (typeof v === 'string' && isValidError(v)) return { kind: 'unavailable' };
      return { kind: 'value', value: v };
    } catch (e) {
      if ((e as { code?: string }).code === 'PropertyNotLoaded') return { kind: 'unavailable' };
      throw e;
    }
  };

  async function scenario(ctx: { workbook: any; sync(): Promise<unknown> }): Promise<Outcome[]> {
    const ws = ctx.workbook.worksheets.getActiveWorksheet();
    const range = ws.getRange('A1:B1');
    const protection = ws.protection;
    const seen: Outcome[] = [outcome(() => range.values), outcome(() => protection.protected)];
    range.load('values');
    protection.load('protected');
    seen.push(outcome(() => range.values));
    await ctx.sync();
    seen.push(outcome(() => range.values), outcome(() => protection.protected));
    range.values = [[5, 6]];
    range.load('values');
    await ctx.sync();
    seen.push(outcome(() => range.values));
    return seen;
  }

  it('gives the same outcomes on both hosts', async () => {
    const fake = new FakeExcelHost();
    fake.sheet().enter(0, 0, 1); fake.sheet().enter(0, 1, 2);
    const ours = await fake.run((ctx) => scenario(ctx));

    const range = { values: [[1, 2]] };
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            sheet: { protection: { protected: false }, range, getRange() { return this.range; } },
            getActiveWorksheet() { return this.sheet; },
          },
        },
      },
      run: async function (cb: (c: unknown) => Promise<unknown>) { return cb((this as { context: unknown }).context); },
    }) as unknown as { run(cb: (c: never) => Promise<Outcome[]>): Promise<Outcome[]>; context: { workbook: { worksheets: { sheet: Record<string, unknown> } } } };
    const theirs = await mock.run((ctx) => scenario(ctx));
    expect(ours).toEqual(theirs);
    expect(ours.map((o) => o.kind)).toEqual(['unavailable', 'unavailable', 'unavailable', 'value', 'value', 'value']);
  });
});
