import { describe, expect, it } from 'vitest';
import { isAmount, isCount, isDelta, parseCell, plainDecimal } from './cells.js';

describe('parseCell reads raw cell text as SPEC §5 says', () => {
  it.each([
    // raw, kind, value, unit, notes
    ['0', 'number', 0, undefined, []],
    ['3001', 'number', 3001, undefined, []],
    ['0\u3000\u3000', 'number', 0, undefined, ['space']],
    ['\u00A00', 'number', 0, undefined, ['space']],
    [' 12 ', 'number', 12, undefined, ['space']],
    ['１２３', 'number', 123, undefined, ['full-width']],
    ['－１８', 'number', -18, undefined, ['full-width']],
    ['＋１', 'number', 1, undefined, ['full-width', 'plus-sign']],
    ['+1', 'number', 1, undefined, ['plus-sign']],
    ['-1', 'number', -1, undefined, []],
    ['−3', 'number', -3, undefined, []],
    ['1,234', 'number', 1234, undefined, ['thousands-separator']],
    ['１，２３４', 'number', 1234, undefined, ['full-width', 'thousands-separator']],
    ['146.2243', 'number', 146.2243, undefined, []],
    ['96171.6', 'number', 96171.6, undefined, []],
    ['3940元', 'number', 3940, '元', ['unit']],
    ['7730.28万元', 'number', 7730.28, '万元', ['unit']],
    ['5 件', 'number', 5, '件', ['space', 'unit']],
    ['12个', 'number', 12, '个', ['unit']],
    ['3项', 'number', 3, '项', ['unit']],
    ['2万', 'number', 2, '万', ['unit']],
    ['', 'blank', undefined, undefined, []],
    ['\u3000', 'blank', undefined, undefined, ['space']],
    ['/', 'na', undefined, undefined, []],
    ['-', 'na', undefined, undefined, []],
    ['—', 'na', undefined, undefined, []],
    ['--', 'na', undefined, undefined, []],
    ['不适用', 'na', undefined, undefined, []],
    ['无', 'na', undefined, undefined, []],
    ['十二', 'text', undefined, undefined, []],
    ['1 2', 'number', 12, undefined, ['space']],
    ['1.2.3', 'text', undefined, undefined, []],
    ['abc', 'text', undefined, undefined, []],
    ['元', 'text', undefined, undefined, []],
  ] as const)('%j → %s %s', (raw, kind, value, unit, notes) => {
    const v = parseCell(raw);
    expect(v.raw).toBe(raw);
    expect(v.kind).toBe(kind);
    expect(v.value).toBe(value);
    expect(v.unit).toBe(unit);
    expect(v.notes).toEqual(notes);
  });

  it('blank is not zero', () => {
    expect(parseCell('').value).toBeUndefined();
    expect(isCount(parseCell(''))).toBe(false);
  });

  it('numbers beyond 2^53 are read but cannot be counts', () => {
    const v = parseCell('99999999999999999999');
    expect(v.kind).toBe('number');
    expect(v.notes).toContain('unsafe-integer');
    expect(isCount(v)).toBe(false);
    expect(isDelta(v)).toBe(false);
    expect(isAmount(v)).toBe(false);
  });

  it.each([
    ['7', true, true, true],
    ['-1', false, true, false],
    ['1.5', false, false, true],
    ['/', false, false, false],
    ['x', false, false, false],
  ])('%s: count %s, delta %s, amount %s', (raw, count, delta, amount) => {
    const v = parseCell(raw);
    expect([isCount(v), isDelta(v), isAmount(v)]).toEqual([count, delta, amount]);
  });

  it('accepts numbers as typed by a spreadsheet', () => {
    expect(parseCell(12)).toMatchObject({ kind: 'number', value: 12, raw: '12' });
    expect(parseCell(Number.NaN).kind).toBe('text');
    expect(parseCell(null).kind).toBe('blank');
  });
});

describe('plainDecimal', () => {
  it('reads ASCII signed integers and decimals exactly as parseCell does, and nothing else', () => {
    const xs = ['0', '-0', '+0', '7', '-18', '+3', '146.2243', '0.1', '0.3', '-12.50', '5.0', '00012', '999999999999999',
      '0.12345678901234', '99999999999999.9', '-0.00000000000001', '123456789.123456'];
    for (const x of xs) {
      const v = plainDecimal(x);
      expect(Object.is(v, parseCell(x).value), x).toBe(true);
      expect(parseCell(x).unit, x).toBeUndefined();
    }
    for (const x of ['', '-', '+', '.', '.5', '5.', '1.2.3', '+-3', '--3', '1,234', '１２', '3件', ' 3', '3 ', '1e3',
      '1234567890123456', '0.1234567890123456', 'abc', '\u22123']) {
      expect(plainDecimal(x), x).toBeNaN();
    }
  });

  it('agrees with Number on random decimals of up to 15 digits', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 20000; k++) {
      const digits = 1 + Math.floor(random() * 15);
      let s = '';
      for (let i = 0; i < digits; i++) s += String(Math.floor(random() * 10));
      const point = Math.floor(random() * digits);
      const x = `${random() < 0.3 ? '-' : random() < 0.1 ? '+' : ''}${point > 0 ? `${s.slice(0, point)}.${s.slice(point)}` : s}`;
      expect(Object.is(plainDecimal(x), Number(x)), x).toBe(true);
    }
  });
});
