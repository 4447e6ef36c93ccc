/**
 * Title, report year and agency name of a report, each with the source it came from. Everything is matched in the
 * Simplified text and kept as written (see agency.ts's Pair).
 */
import type { Agency } from '../draft.js';
import { agencyFromPreamble, agencyFromSignature, asAgencyName, nameInTitlePart, pairOf, slicePair, squeeze, type Pair } from './agency.js';
import { yearFromOverview, yearFromPeriod, yearInTitle, type YearSource } from './year.js';

export { agencyLevel } from './agency.js';

export interface TitleRead {
  readonly title?: string;
  readonly year?: number;
  /** The agency's name as written, when the title (or the line above it) holds one. */
  readonly agencyName?: string;
  /** Offset just after the title in the text (where the preamble starts). */
  readonly end: number;
}

const CRAWL_FIELD = /^(?:(?:发布时间|发布日期|栏目|来源|作者|链接|网址|url)\s*[:：]|=+\s*正文\s*=+$)/iu;
/**
 * What a crawler, a flipbook viewer or a site's breadcrumb puts before a title (spaces already squeezed out):
 * 「标题:」, 「Page 8 - 」, 「第3页 - 」, 「首页>政务公开>年报>」.
 */
const TITLE_PREFIX = /^(?:(?:[【\[]?(?:标题|题目|title)[】\]]?[:：]?)|(?:page|p\.?)\d{1,4}(?:of\d{1,4})?[-–—:：|]|第\d{1,4}页[-–—:：|]?|[^>＞»]{0,60}[>＞»](?=[^>＞»]*报告))+/iu;
/** What a title or its first part holds: 「报告」, a year, or 信息公开 / 政务公开. */
const TITLE_LINE = /报告|(?:19|20)\d{2}|二[〇零○O]|信息|政务/u;
/** A sentence, not a title. */
const SENTENCE_START = /^(?:根据|依据|按照|本报告|现将|现公布|为|经)/u;

interface Line {
  readonly start: number;
  readonly end: number;
}

/** A title read from one string (squeezed): its year and the name in it. */
function parseTitle(t: Pair): { title: Pair; year?: number; name?: Pair; prefixed: boolean } | undefined {
  if (!t.m.includes('报告')) return undefined;
  const prefix = TITLE_PREFIX.exec(t.m)?.[0].length ?? 0;
  let s = slicePair(t, prefix);
  const reportAt = s.m.lastIndexOf('报告');
  if (reportAt < 0 || SENTENCE_START.test(s.m)) return undefined;
  const year = yearInTitle(s.m);
  // After the last 「报告」 a page title names its column and site (「_年报_××网」): not part of the title.
  s = slicePair(s, 0, reportAt + 2);
  if (s.m.length > 120 || /[。！？]/u.test(s.m) || !(year || /信息公开|政务公开/u.test(s.m))) return undefined;
  let name: Pair | undefined;
  if (year && year.index < s.m.length) {
    name = nameInTitlePart(slicePair(s, 0, year.index)) ?? nameInTitlePart(slicePair(s, year.end));
  } else name = nameInTitlePart(s);
  return { title: s, prefixed: prefix > 0, ...(year ? { year: year.year } : {}), ...(name ? { name } : {}) };
}

/** Lines `from`..`to` joined without their spaces. */
function joined(p: Pair, lines: readonly Line[], from: number, to: number): Pair {
  let m = '', w = '';
  for (let k = from; k <= to; k++) {
    m += p.m.slice(lines[k]!.start, lines[k]!.end);
    if (p.m !== p.w) w += p.w.slice(lines[k]!.start, lines[k]!.end);
  }
  return squeeze(p.m === p.w ? pairOf(m) : { m, w });
}

/** A line short enough to be part of a title or a name line. */
const SENTENCE_END = /[。；！？]/u;

function isShort(p: Pair, l: Line): boolean {
  return l.end - l.start <= 80 && !SENTENCE_END.test(p.m.slice(l.start, l.end));
}

/**
 * The title among the first lines before `limit`: the line naming a year and 「报告」, or a title split over two or
 * three short lines; the name before or after its year, or the line above it when that holds only a name.
 */
export function readTitle(p: Pair, limit: number): TitleRead {
  const lines: Line[] = [];
  let pos = 0;
  const stop = Math.min(limit, p.m.length);
  while (pos < stop && lines.length < 12) {
    let end = p.m.indexOf('\n', pos);
    if (end < 0) end = p.m.length;
    if (p.m.slice(pos, end).trim()) lines.push({ start: pos, end });
    pos = end + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    // Most lines are neither a title nor its first part: no join is tried for them.
    if (!TITLE_LINE.test(p.m.slice(lines[i]!.start, lines[i]!.end))) continue;
    let found: ReturnType<typeof parseTitle>;
    let last = i;
    for (let j = i; j < Math.min(lines.length, i + 3); j++) {
      if (j > i && !isShort(p, lines[j]!)) break;
      const t = joined(p, lines, i, j);
      if (t.m.length > 200) break;
      found = parseTitle(t);
      if (found) {
        last = j;
        break;
      }
      // Only a title's first part continues on the next line: it names a year or 信息公开 and is short.
      if (!isShort(p, lines[i]!) || !(yearInTitle(t.m) || /政府信息|信息公开|政务公开/u.test(t.m))) break;
    }
    if (!found) continue;
    let { name, title } = found;
    const prev = lines[i - 1];
    if (!name && prev && isShort(p, prev)) {
      const above = asAgencyName(slicePair(p, prev.start, prev.end));
      if (above) {
        name = above;
        title = { m: above.m + title.m, w: above.w + title.w };
      }
    }
    // A crawler's record (「标题: …」, then 「发布时间: …」「栏目: …」 and a 「=== 正文 ===」 rule) is not the report's text.
    let end = lines[last]!.end;
    if (found.prefixed) for (let j = last + 1; j < lines.length && CRAWL_FIELD.test(p.m.slice(lines[j]!.start, lines[j]!.end).trim()); j++) end = lines[j]!.end;
    return { title: title.w, ...(found.year ? { year: found.year } : {}), ...(name ? { agencyName: name.w } : {}), end };
  }
  return { end: 0 };
}

/** A page's <title> (or a document's title property): its year and name, the same way as a title line. */
export function readPageTitle(p: Pair): { year?: number; agencyName?: string } {
  const t = parseTitle(squeeze(p));
  return t ? { ...(t.year ? { year: t.year } : {}), ...(t.name ? { agencyName: t.name.w } : {}) } : {};
}

export type AgencySource = 'title' | 'page-title' | 'first-line' | 'preamble' | 'signature';

/** The first line of the text when it holds only a name (a report that prints its name above a title-less text). */
function firstLineName(p: Pair, limit: number): Pair | undefined {
  const m = /^\s*([^\n]{1,60})/u.exec(p.m.slice(0, Math.min(limit, 400)));
  if (!m) return undefined;
  const start = m.index + m[0].length - m[1]!.length;
  return asAgencyName(slicePair(p, start, start + m[1]!.length));
}

/** Two names of one body: they end in the same four or more characters (「…社会工作部」). */
function sameBody(a: string, b: string): boolean {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n >= 4;
}

/** Where the opening sentences that name the agency are looked for: after the title, this far. */
const PREAMBLE_WINDOW = 3000;

/**
 * The agency's name and its source, in the order the sources are trusted: the title, the page's <title>, a first
 * line holding only a name, the opening sentences, the signature.
 */
export function readAgencyName(p: Pair, title: TitleRead, page: { agencyName?: string }, limit: number): { name: string; source: AgencySource } | undefined {
  if (title.agencyName) return { name: title.agencyName, source: 'title' };
  if (page.agencyName) return { name: page.agencyName, source: 'page-title' };
  const first = firstLineName(p, limit);
  if (first) return { name: first.w, source: 'first-line' };
  const opening = agencyFromPreamble(slicePair(p, title.end, Math.min(p.m.length, title.end + PREAMBLE_WINDOW)));
  const signed = agencyFromSignature(p.m.length > 4000 ? slicePair(p, p.m.length - 4000) : p);
  // An opening sentence often shortens the name (「威海高区社会工作部」); the signature of the same body (the same
  // last words) writes it in full.
  if (opening && signed && signed.m.length > opening.m.length && sameBody(opening.m, signed.m)) return { name: signed.w, source: 'signature' };
  if (opening) return { name: opening.w, source: 'preamble' };
  return signed ? { name: signed.w, source: 'signature' } : undefined;
}

/** The year and its source (the title's, the page's, the statistics period's, 一's first 「20××年，」). */
export function readYear(text: string, title: TitleRead, page: { year?: number }, overview: string | undefined): { year: number; source: YearSource } | undefined {
  if (title.year) return { year: title.year, source: 'title' };
  if (page.year) return { year: page.year, source: 'page-title' };
  const period = yearFromPeriod(text);
  if (period) return { year: period, source: 'period' };
  const first = overview === undefined ? undefined : yearFromOverview(overview);
  return first ? { year: first, source: 'overview' } : undefined;
}

/** Address, postcode, phone, e-mail and website as the preamble states them (labels matched, values as written). */
export function readContact(preamble: Pair): Omit<Agency, 'name' | 'level'> {
  const flatP = squeeze(preamble);
  const flat = flatP.m;
  /** The match's group `g` as written (squeezing removes the same characters from both sides). */
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { written } = {
    written(m: RegExpExecArray, g: number) {
      const at = m.index + m[0].indexOf(m[g]!);
      return flatP.w.slice(at, at + m[g]!.length);
    }
  };
  const out: { address?: string; postcode?: string; phone?: string; email?: string; website?: string } = {};
  const address = /(?:通讯地址|联系地址|地址|地点)[:：]([^，,；;。）)]{2,80})/u.exec(flat);
  if (address) out.address = written(address, 1);
  const postcode = /(?:邮编|邮政编码)[:：]?(\d{6})(?!\d)/u.exec(flat);
  if (postcode) out.postcode = postcode[1]!;
  const phone = /(?:联系电话|电话\/传真|电话|传真)[:：]?((?:[0-9０-９（(][0-9０-９\-－—–()（）]{5,24}[0-9０-９])(?:[、/或][0-9０-９\-－—–]{5,20})*)/u.exec(flat);
  if (phone) out.phone = phone[1]!;
  const email = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,10}/u.exec(flat);
  if (email) out.email = email[0];
  const site = /https?:\/\/[A-Za-z0-9.\-_/?=&%#:~]{1,300}|www\.[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}/u.exec(flat);
  if (site) out.website = site[0].replace(/[.:/]+$/u, '');
  return out;
}
