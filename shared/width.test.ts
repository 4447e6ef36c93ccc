import { describe, expect, it } from 'vitest';
import { hasFullWidth, removeSpaces, toHalfWidth } from './width.js';

describe('the one full-width and space normaliser', () => {
  const s = '１，２３４．５＋－／年';
  it('converts per scope: each caller says which forms are its own', () => {
    expect(toHalfWidth(s, 'digits')).toBe('1，234．5＋－／年');
    expect(toHalfWidth(s, 'number')).toBe('1，234.5+-／年');
    expect(toHalfWidth(s, 'cell')).toBe('1,234.5+-／年');
    expect(toHalfWidth(s, 'label')).toBe('1，234.5+-/年');
  });
  it('keeps the length and returns the same string when nothing changes', () => {
    for (const scope of ['digits', 'number', 'cell', 'label'] as const) expect(toHalfWidth(s, scope)).toHaveLength(s.length);
    const plain = '第二十条第（一）项';
    expect(toHalfWidth(plain, 'label')).toBe(plain);
    expect(hasFullWidth(plain, 'label')).toBe(false);
    expect(hasFullWidth('，', 'number')).toBe(false);
    expect(hasFullWidth('，', 'cell')).toBe(true);
  });
  it('removes every kind of space: NBSP, ideographic, zero-width, BOM', () => {
    expect(removeSpaces('\u00a01\u30002\u200b3\ufeff 4\t')).toBe('1234');
  });
});
