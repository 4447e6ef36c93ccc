import { describe, expect, it } from 'vitest';
import { readDate } from './dates.js';

describe('readDate', () => {
  it('reads a date as reports and clerks write one', () => {
    expect(readDate('2021年1月31日')).toEqual({ iso: '2021-01-31' });
    expect(readDate('二〇二一年一月三十一日')).toEqual({ iso: '2021-01-31' });
    expect(readDate('2021-1-31。')).toEqual({ iso: '2021-01-31' });
    expect(readDate('威海市文登区天福街道办事处 2021年1月31日')).toEqual({ iso: '2021-01-31', before: '威海市文登区天福街道办事处' });
  });
  it('is not a date: a sentence, or a day that does not exist', () => {
    expect(readDate('2021年1月31日前完成。')).toBeUndefined();
    expect(readDate('2021年2月30日')).toBeUndefined();
    expect(readDate('2021年13月1日')).toBeUndefined();
    expect(readDate('')).toBeUndefined();
  });
});
