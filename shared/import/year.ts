/**
 * The report year and where it was read: the title (or the web page's <title>), else the statistics period
 * (「统计期限自2020年1月1日起」), else the first 「20××年，…」 of 一. The importer says which source gave it when it
 * was not the title, and warns when none did — a year is never assumed silently.
 */

export type YearSource = 'title' | 'page-title' | 'period' | 'overview' | 'given';

const CN_DIGIT: Readonly<Record<string, number>> = { 〇: 0, 零: 0, '○': 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 「2020」 or 「二〇二〇」 → 2020. */
function yearValue(s: string): number {
  if (/^\d{4}$/u.test(s)) return Number(s);
  return [...s].reduce((v, ch) => v * 10 + (CN_DIGIT[ch] ?? 0), 0);
}

const YEAR = /((?:19|20)\d{2}|二[〇零○O][一二三四五六七八九〇零○O]{2})\s*年/u;

/** The first year 「20××年」 in a title, with where it stands. */
export function yearInTitle(title: string): { year: number; index: number; end: number } | undefined {
  const m = YEAR.exec(title);
  if (!m) return undefined;
  let end = m.index + m[0].length;
  if (title[end] === '度') end++;
  return { year: yearValue(m[1]!), index: m.index, end };
}

/**
 * The statistics period's year: 「统计期限自 2020 年 1 月 1 日」「统计时限为2020年度」「数据统计期间：2020年1月1日至…」.
 * The word and the date may be split by spaces and line ends (pdftotext), never by a sentence end.
 */
const PERIOD = /(?:统\s*计|期\s*限|时\s*限)[^。；\d]{0,24}?((?:19|20)\d{2})\s*年\s*(?:1\s*月\s*1\s*日|度|全\s*年)/u;

export function yearFromPeriod(text: string): number | undefined {
  const m = PERIOD.exec(text.length > 20_000 ? text.slice(0, 20_000) : text);
  return m ? Number(m[1]) : undefined;
}

/** 「2020年，…」「2020 年度，…」 opening a sentence of 一 (what the year's work is reported under). */
const OVERVIEW_YEAR = /((?:19|20)\d{2})\s*年度?\s*(?:[，,]|以来)/u;

export function yearFromOverview(overview: string): number | undefined {
  const m = OVERVIEW_YEAR.exec(overview.length > 5_000 ? overview.slice(0, 5_000) : overview);
  return m ? Number(m[1]) : undefined;
}
