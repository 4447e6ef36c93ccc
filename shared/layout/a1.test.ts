import { describe, expect, it } from 'vitest';
import { address, columnName, compactRanges, parseAddress, parseRange, sheetRef } from './a1.js';
import { evaluateTotal, sumReferences } from './sum-formula.js';

describe('A1 addresses', () => {
  it.each([[0, 'A'], [25, 'Z'], [26, 'AA'], [701, 'ZZ'], [702, 'AAA']])('column %i is %s and reads back', (col, name) => {
    expect(columnName(col)).toBe(name);
    expect(parseAddress(`${name}7`)).toEqual({ row: 6, col });
    expect(parseAddress(`$${name}$7`)).toEqual({ row: 6, col });
  });

  it('rejects what is not one cell', () => {
    for (const bad of ['', 'A', '7', 'A1:B2', '1A', 'A0x']) expect(parseAddress(bad)).toBeUndefined();
  });

  it('reads ranges with or without a quoted sheet name, in either corner order', () => {
    const rect = { top: 4, left: 1, bottom: 8, right: 3 };
    expect(parseRange("'年报表格'!$B$5:$D$9")).toEqual(rect);
    expect(parseRange('D9:B5')).toEqual(rect);
    expect(parseRange(sheetRef("O'Brien", rect))).toEqual(rect);
    expect(sheetRef("O'Brien", rect)).toBe("'O''Brien'!$B$5:$D$9");
  });

  it('joins runs along a row or a column into ranges and keeps the order', () => {
    const at = (a: string) => parseAddress(a)!;
    expect(compactRanges(['D5', 'E5', 'F5', 'D7', 'D8', 'A1'].map(at))).toEqual(['$D$5:$F$5', '$D$7:$D$8', '$A$1']);
    expect(compactRanges(['B2', 'B3', 'C3'].map(at), false)).toEqual(['B2:B3', 'C3']);
    expect(address(0, 0, true)).toBe('$A$1');
  });
});

describe('evaluating total formulas', () => {
  const sheet: Record<string, number> = { D5: 2, E5: 3, F5: 4, D6: 10 };
  const at = (row: number, col: number) => sheet[address(row, col)];

  it.each([
    ['=IF(COUNT($D$5:$F$5)=0,"",SUM($D$5:$F$5))', 9],
    ['=IF(COUNT($G$5:$H$5)=0,"",SUM($G$5:$H$5))', ''],
    ['=SUM(D5:F5)-SUM(D6)', -1],
    ['=D5+E5-1', 4],
    ['=SUM($D$5,$D$6)', 12],
    ['=SUM(G9:H9)', 0],
  ] as const)('%s is %s', (formula, value) => {
    expect(evaluateTotal(formula, at)).toBe(value);
  });

  it('declines formulas it does not understand', () => {
    for (const f of ['=VLOOKUP(A1,B:C,2)', '=D5*2', '=SUM(D5:F5', '=AVERAGE(D5:F5)']) expect(evaluateTotal(f, at)).toBeUndefined();
  });

  it('lists the cells a total reads', () => {
    expect(sumReferences('=SUM($D$5:$E$5)')?.map((p) => address(p.row, p.col))).toEqual(['D5', 'E5']);
  });
});
