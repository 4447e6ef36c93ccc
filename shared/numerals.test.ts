import { describe, expect, it } from 'vitest';
import { chineseNumeral } from './numerals.js';

describe('chineseNumeral', () => {
  it.each([
    ['十二', 12], ['二十', 20], ['一百零五', 105], ['一千零一', 1001], ['两千', 2000], ['叁拾', 30],
    ['二〇二四', 2024], ['零', 0], ['三万五千', 35000], ['十万', 100000], ['一万二千', 12000],
    ['一亿二千万', 120_000_000], ['万', 10000],
  ] as const)('%s → %d', (s, n) => expect(chineseNumeral(s)).toBe(n));

  it.each(['', '十二件', 'abc', '3'])('%j is not a numeral', (s) => expect(chineseNumeral(s)).toBeUndefined());
});
