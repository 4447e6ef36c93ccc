/**
 * A date as reports and clerks write one on its own, as a 落款: 「2021年1月31日」「二〇二一年一月三十一日」
 * 「2021-01-31」「2021.1.31」, optionally after a signing agency's name (「××街道办事处 2021年1月31日」).
 * One reader for the bot's 落款 answer and the importer's signature.
 */
import { chineseNumeral } from './numerals.js';

const DATE = /^(?:(.*?)\s*)?(\d{4}|[零〇一二三四五六七八九]{4})\s*(?:年|-|\/|\.)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:月|-|\/|\.)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?$/u;

export interface DateRead {
  /** YYYY-MM-DD */
  readonly iso: string;
  /** What stood before the date on the same line (a signing agency), trimmed; undefined when nothing. */
  readonly before?: string;
}

/** The date `s` holds as a whole (a trailing 「。」 allowed); undefined when it is not one, or not a real day. */
export function readDate(s: string): DateRead | undefined {
  const m = DATE.exec(s.trim().replace(/[。.]$/u, ''));
  if (!m) return undefined;
  const num = (x: string) => (/^\d+$/.test(x) ? Number(x) : chineseNumeral(x) ?? NaN);
  const y = num(m[2]!), mo = num(m[3]!), day = num(m[4]!);
  if (!Number.isInteger(y) || !(mo >= 1 && mo <= 12) || !(day >= 1 && day <= new Date(Date.UTC(y, mo, 0)).getUTCDate())) return undefined;
  const before = m[1]?.trim();
  return { iso: `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`, ...(before ? { before } : {}) };
}
