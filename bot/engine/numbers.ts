/**
 * Reading one number from a chat message: Arabic or full-width digits, Chinese numerals (「十二」「一百零五」
 * 「两千」「三万五千」), 「无」「没有」 as 0, signs and words for a change (「增加3」「减少两个」), units. A message
 * holding several numbers is refused: one answer, one cell.
 */
import { parseCell, type CellKind } from '../../shared/index.js';
import { chineseNumeral, NUMERAL_CHARS } from '../../shared/numerals.js';
import { MINUS_SIGNS, SPACE_RUN, toHalfWidth } from '../../shared/width.js';

export { chineseNumeral };

export type NumberReading =
  | { ok: true; value: number; /** what is stored in the draft cell */ raw: string; note?: string }
  | { ok: false; reason: 'several' | 'none' | 'negative' | 'fraction' | 'unclear' | 'approx'; found?: string[] };

/** 「约100」「100左右」「100多」「一百余件」: an estimate, not a count. */
const APPROX = /约|大约|大概|左右|上下|将近|接近|[\d十百千万][多余]|余[件个项次]?$/u;

const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };
const TOKEN = new RegExp(`\\d+(?:\\.\\d+)?(?:[万亿])?|[${NUMERAL_CHARS}]+`, 'gu');
const ZERO_WORDS = /^(无|没有|没|零|〇|无此情况|没有发生|未发生|未收到|没收到|未收取|不涉及|无此项)$/u;
/** Words around a number that say nothing more (「共5件」「约3个」). */
const FILLER = /一共|总共|共计|合计|共|个数|数量|为|是|有|件|个|项|次|宗|起|条|人|笔|万元|元|。|\.$|！|!|，|,|、/gu;
const PLUS = /^(\+|增加了?|新增了?|增|多了?|加)/u;
const MINUS = /^(-|减少了?|减|少了?|负)/u;

function tokenValue(t: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([万亿])?$/u.exec(t);
  if (m) return Number(m[1]) * (m[2] ? BIG_UNIT[m[2]]! : 1);
  return chineseNumeral(t);
}

/**
 * Spaces become 「、」 (a separator between numbers, as the message reads), full-width digits and signs ASCII (scope
 * `number`: 「，」 stays a clause break here), other minus signs 「-」, thousands separators dropped.
 */
function normalise(text: string): string {
  let s = toHalfWidth(text.trim().replace(SPACE_RUN, '、'), 'number');
  s = s.replace(MINUS_SIGNS, '-');
  while (/\d,\d{3}(?!\d)/u.test(s)) s = s.replace(/(\d),(\d{3})(?!\d)/u, '$1$2');
  return s;
}

/**
 * Reads one value for a cell of `kind`. Amounts are in the table's unit (万元 in 2021): an amount written in 元
 * is converted when `amountUnit` is '万元'.
 */
export function readNumber(text: string, kind: CellKind, amountUnit?: '万元'): NumberReading {
  let s = normalise(text);
  if (ZERO_WORDS.test(s)) return { ok: true, value: 0, raw: '0' };
  if (APPROX.test(s)) return { ok: false, reason: 'approx' };
  // a plain cell value (「12」「+3」「3.5」) needs nothing more
  const direct = parseCell(s);
  if (direct.kind === 'number' && !direct.unit && /^[+-]?\d/.test(s)) return finish(direct.value!, kind);
  let sign = 0;
  const plus = PLUS.exec(s), minus = MINUS.exec(s);
  if (plus) [sign, s] = [1, s.slice(plus[0].length)];
  else if (minus) [sign, s] = [-1, s.slice(minus[0].length)];
  const yuan = /(?<!万)元$/u.test(s);
  if (s.endsWith('万元')) s = s.slice(0, -2);
  const tokens = s.replace(/一共/gu, '').match(TOKEN) ?? [];
  if (tokens.length > 1) return { ok: false, reason: 'several', found: tokens };
  if (tokens.length === 0) return { ok: false, reason: 'none' };
  const rest = s.replace(/一共/gu, '').replace(tokens[0]!, '').replace(FILLER, '');
  if (rest) return { ok: false, reason: 'unclear' };
  let value = tokenValue(tokens[0]!);
  if (value === undefined) return { ok: false, reason: 'unclear' };
  let note: string | undefined;
  if (kind === 'amount' && yuan && amountUnit === '万元') {
    note = `已按 ${value} 元 ＝ ${value / 1e4} 万元 记录`;
    value = value / 1e4;
  }
  if (sign) value *= sign;
  return finish(value, kind, note, sign !== 0);
}

function finish(value: number, kind: CellKind, note?: string, signed = false): NumberReading {
  if (kind !== 'delta' && value < 0) return { ok: false, reason: 'negative' };
  if (kind !== 'amount' && !Number.isInteger(value)) return { ok: false, reason: 'fraction' };
  const body = kind === 'amount' ? String(Math.round(value * 1e6) / 1e6) : String(value);
  const raw = kind === 'delta' && (value > 0 || signed) && value !== 0 ? (value > 0 ? `+${body}` : body) : body;
  return note ? { ok: true, value, raw, note } : { ok: true, value, raw };
}
