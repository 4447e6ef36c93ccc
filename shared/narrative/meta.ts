/**
 * meta.contact (address, postcode, phone), meta.period (统计期限 = the report year), meta.date (signed in
 * January–March of the next year). They read the agency fields of the draft and the text of the report.
 */
import type { Agency } from '../draft.js';
import { NARRATIVE_MESSAGES as M } from '../messages.js';
import { finding, type Finding } from '../rules/catalogue.js';
import { excerpt, flatten, parseNumber } from './text.js';

const ADDRESS = /地址|地点|位于[^，。；]{2,30}(?:路|街|道|号)/u;
const POSTCODE = /(?:邮编|邮政编码)[:：为]?\d{6}(?!\d)/u;
const PHONE = /(?:电话|联系方式|热线|Tel|TEL)[^\d，。；]{0,6}(?:\(?0\d{2,3}\)?[-—－]?)?\d{7,8}|(?<!\d)(?:0\d{2,3}[-—－])\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)12345(?!\d)/u;

/** meta.contact: what of address, postcode and phone neither the agency fields nor the text give. */
export function contactFindings(agency: Agency, text: string): Finding[] {
  const flat = flatten(text);
  const missing: string[] = [];
  if (!agency.address?.trim() && !ADDRESS.test(flat)) missing.push('地址');
  if (!agency.postcode?.trim() && !POSTCODE.test(flat)) missing.push('邮编');
  if (!agency.phone?.trim() && !PHONE.test(flat)) missing.push('电话');
  return missing.length ? [finding('meta.contact', M.contact(missing))] : [];
}

const Y = '(\\d{4}|[零〇一二三四五六七八九]{4})';
const MD = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const DATE = `${Y}年${MD}月${MD}日`;
const PERIOD = new RegExp(`统计(?:期限|时限|期间|时段|区间|范围|周期|时间)?[^。；]{0,16}?${DATE}[^。；\\d]{0,6}?(?:至|到|—|－|-|～|~)+${DATE}`, 'u');
const PERIOD_YEAR = new RegExp(`统计(?:期限|时限|期间|时段|区间|范围|周期|时间)[^。；\\d]{0,6}?${Y}年(?:度|全年)`, 'u');

const n = (s: string | undefined) => (s === undefined ? NaN : parseNumber(s) ?? NaN);

/** meta.period: the stated statistics period, compared with 1 January – 31 December of the report year. */
export function periodFindings(year: number, text: string): Finding[] {
  const flat = flatten(text);
  const m = PERIOD.exec(flat);
  if (m) {
    const [y1, m1, d1, y2, m2, d2] = m.slice(1).map(n);
    if (y1 === year && m1 === 1 && d1 === 1 && y2 === year && m2 === 12 && d2 === 31) return [];
    return [finding('meta.period', M.periodWrong(year, excerpt(m[0], 50)))];
  }
  const y = PERIOD_YEAR.exec(flat);
  if (y) return n(y[1]) === year ? [] : [finding('meta.period', M.periodWrong(year, excerpt(y[0], 50)))];
  return [finding('meta.period', M.periodMissing())];
}

/** A line that is only a date, as a signature: 「2021年1月31日」「二〇二一年一月三十一日」. */
const SIGNATURE_DATE = new RegExp(`^[ \\t\\u3000]*${DATE}[ \\t\\u3000]*$`, 'gmu');

/** meta.date: the last date line of the report text (its signature), outside January–March of the next year. */
export function dateFindings(year: number, lastText: string): Finding[] {
  const lines = [...lastText.matchAll(SIGNATURE_DATE)];
  const m = lines[lines.length - 1];
  if (!m) return [];
  const y = n(m[1]), month = n(m[2]), day = n(m[3]);
  if (y === year + 1 && month >= 1 && month <= 3 && day >= 1 && day <= 31) return [];
  return [finding('meta.date', M.date(year, m[0].trim()))];
}

/**
 * The reporting window of SPEC meta.date: a report of `year` is signed and published in January–March of the next
 * year; a department's by 31 January, a government's by 31 March. `last` is the deadline for the level.
 */
export function signatureWindow(year: number, level: 'department' | 'government' | undefined): { first: string; last: string } {
  return { first: `${year + 1}-01-01`, last: level === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31` };
}

/** meta.date for the draft's own 落款 date (`YYYY-MM-DD`): outside January–March of the next year. */
export function signatureDateFindings(year: number, iso: string | undefined): Finding[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return [];
  const y = Number(m[1]), month = Number(m[2]);
  if (y === year + 1 && month >= 1 && month <= 3) return [];
  return [finding('meta.date', M.date(year, `${y}年${month}月${Number(m[3])}日`))];
}
