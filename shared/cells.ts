/** Raw cell text → a reading (SPEC §5). Blank is not zero; 「/」 is not a number; units are stripped and noted. */
import { hasFullWidth, MINUS_SIGN, removeSpaces, toHalfWidth } from './width.js';

export type CellValueKind = 'number' | 'blank' | 'na' | 'text';

/** What normalisation changed or found, so a message can say why a cell reads as it does. */
export type CellNote =
  | 'space' // NBSP, U+3000 or other spaces removed
  | 'full-width' // full-width digits or signs converted
  | 'thousands-separator'
  | 'plus-sign'
  | 'unit' // a unit written in the cell
  | 'unsafe-integer'; // beyond 2^53: cannot be added up exactly

export interface CellValue {
  readonly raw: string;
  readonly kind: CellValueKind;
  readonly value?: number;
  readonly unit?: string;
  readonly notes: readonly CellNote[];
}

const NA = new Set(['/', '-', '—', '--', '——', '－', '―', '不适用', '无', '\\']);
const UNITS = ['万元', '元', '万', '件', '个', '项'] as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

const NO_NOTES: readonly CellNote[] = Object.freeze([]);
const BLANK: CellValue = Object.freeze({ raw: '', kind: 'blank', notes: NO_NOTES });

/** The common case, ASCII digits only (up to 15 of them), read without regular expressions; -1 otherwise. */
export function plainInteger(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The next most common case, a signed integer or a plain decimal in ASCII (「-18」「+3」「146.2243」: up to 15
 * digits, an optional leading sign, at most one point between digits), read without regular expressions; NaN
 * otherwise. The value is exactly Number(s) (parseCell's): digits below 2^53 divided by an exact power of ten is
 * one correctly rounded operation. Such a cell has no unit and no note that a message reads.
 */
export function plainDecimal(s: string): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 43 /* + */) i = 1;
  const start = i;
  let v = 0, point = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */) {
      if (point >= 0 || i === start || i === n - 1) return NaN;
      point = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  const digits = n - start - (point >= 0 ? 1 : 0);
  if (digits === 0 || digits > 15) return NaN;
  if (point >= 0) v /= POW10[n - 1 - point]!;
  return c0 === 45 ? -v : v;
}

export function parseCell(raw: string | number | null | undefined): CellValue {
  if (raw === null || raw === undefined || raw === '') return BLANK;
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { raw: String(raw), kind: 'number', value: raw, notes: Number.isSafeInteger(Math.trunc(raw)) ? [] : ['unsafe-integer'] }
      : { raw: String(raw), kind: 'text', notes: [] };
  }
  const plain = plainInteger(raw);
  if (plain >= 0) return { raw, kind: 'number', value: plain, notes: NO_NOTES };
  const notes: CellNote[] = [];
  let s = removeSpaces(raw);
  if (s.length !== raw.length) notes.push('space');
  if (s === '') return { raw, kind: 'blank', notes };
  // A cell holds one number: its full-width digits, signs and thousands separator (scope `cell`).
  if (hasFullWidth(s, 'cell')) {
    notes.push('full-width');
    s = toHalfWidth(s, 'cell');
  }
  if (NA.has(s)) return { raw, kind: 'na', notes };
  if (MINUS_SIGN.test(s.charAt(0))) s = `-${s.slice(1)}`;
  let unit: string | undefined;
  for (const u of UNITS) {
    if (s.length > u.length && s.endsWith(u)) {
      unit = u;
      s = s.slice(0, -u.length);
      notes.push('unit');
      break;
    }
  }
  if (GROUPED.test(s)) {
    s = s.replace(/,/g, '');
    notes.push('thousands-separator');
  }
  if (!NUMBER.test(s)) return { raw, kind: 'text', notes };
  if (s.startsWith('+')) notes.push('plus-sign');
  const value = Number(s);
  if (!Number.isSafeInteger(Math.trunc(value))) notes.push('unsafe-integer');
  return unit ? { raw, kind: 'number', value, unit, notes } : { raw, kind: 'number', value, notes };
}

/** A count: an integer ≥ 0 that can be added exactly. */
export function isCount(v: CellValue): boolean {
  return v.kind === 'number' && Number.isSafeInteger(v.value) && v.value! >= 0;
}

export function isDelta(v: CellValue): boolean {
  return v.kind === 'number' && Number.isSafeInteger(v.value);
}

export function isAmount(v: CellValue): boolean {
  return v.kind === 'number' && v.value! >= 0 && !v.notes.includes('unsafe-integer');
}
