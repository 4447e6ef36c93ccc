/** The fake host keeps Office.js's discipline, so the pane's tests mean something. */
import { describe, expect, it } from 'vitest';
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
