/** Title, report year, agency name (from the title) and contact details (from the preamble). */
import type { Agency } from '../draft.js';

export interface TitleRead {
  readonly title?: string;
  readonly year?: number;
  readonly agencyName?: string;
  /** Offset just after the title in the text (where the preamble starts). */
  readonly end: number;
}

const YEAR = /((?:19|20)\d{2})\s*年/u;
const SENTENCE_END = /[。；！？]/u;
const CRAWL_FIELD = /^(?:(?:发布时间|发布日期|栏目|来源|作者|链接|网址|url)\s*[:：]|=+\s*正文\s*=+$)/iu;

/** The title is among the first non-empty lines before `limit`: the line naming a year and 「报告」. */
export function readTitle(text: string, limit: number): TitleRead {
  const lines: { text: string; start: number; end: number }[] = [];
  let pos = 0;
  while (pos < Math.min(limit, text.length) && lines.length < 12) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).trim();
    if (line) lines.push({ text: line, start: pos, end });
    pos = end + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text.replace(/^(?:标题|题目|title)\s*[:：]\s*/iu, '');
    if (raw.length > 120 || !/报告/u.test(raw)) continue;
    const m = YEAR.exec(raw);
    if (!m) continue;
    let agencyName = raw.slice(0, m.index).replace(/\s+/gu, '').replace(/关于$/u, '');
    let title = raw;
    const prev = lines[i - 1];
    if (!agencyName && prev && prev.text.length <= 40 && !SENTENCE_END.test(prev.text) && !/[:：]/u.test(prev.text)) {
      agencyName = prev.text.replace(/\s+/gu, '');
      title = `${prev.text}${raw}`;
    }
    // A crawler's record (「标题: …」, then 「发布时间: …」「栏目: …」 and a 「=== 正文 ===」 rule) is not the report's text.
    let end = lines[i]!.end;
    if (raw !== lines[i]!.text) {
      for (let j = i + 1; j < lines.length && CRAWL_FIELD.test(lines[j]!.text); j++) end = lines[j]!.end;
    }
    return { title: title.replace(/\s+/gu, ''), year: Number(m[1]), ...(agencyName ? { agencyName } : {}), end };
  }
  return { end: 0 };
}

/** A year stated in the statistics period (「统计期限自2020年1月1日」) when the title has none. */
export function yearFromPeriod(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/u.exec(text.slice(0, 20_000));
  return m ? Number(m[1]) : undefined;
}

const GOVERNMENT = /(?:人民政府|政府|管委会|管理委员会|实验区|新区)$/u;

export function agencyLevel(name: string): Agency['level'] {
  return GOVERNMENT.test(name) ? 'government' : 'department';
}

/** Address, postcode, phone, e-mail and website as the preamble states them. */
export function readContact(preamble: string): Omit<Agency, 'name' | 'level'> {
  const flat = preamble.replace(/[\s\u00A0\u3000]+/gu, '');
  const out: { address?: string; postcode?: string; phone?: string; email?: string; website?: string } = {};
  const address = /(?:通讯地址|联系地址|地址|地点)[:：]([^，,；;。）)]{2,80})/u.exec(flat);
  if (address) out.address = address[1]!;
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
