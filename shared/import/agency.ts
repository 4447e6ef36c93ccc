/**
 * The agency's name, from wherever a real report states it: the title, a line holding only the name, the web page's
 * <title>, the opening sentence (「现公布××2023年度…」「本报告由××根据…编制」), the signature (落款) at the end.
 * A name is short and ends in a body's word (局, 委员会, 人民政府, 街道办事处, 镇 …): a sentence never passes for one.
 *
 * Every function reads a `Pair`: the text matched (Simplified) and the text as written, of the same length (see
 * traditional.ts), so a name is found in the one and kept as written from the other.
 */
import { readDate } from '../dates.js';
import type { Agency } from '../draft.js';

export interface Pair {
  /** What is matched: the text, or its Simplified form. */
  readonly m: string;
  /** The text as written, same length and offsets. */
  readonly w: string;
}

export const pairOf = (m: string, w: string = m): Pair => ({ m, w });
export const slicePair = (p: Pair, a: number, b?: number): Pair => (p.m === p.w ? pairOf(p.m.slice(a, b)) : { m: p.m.slice(a, b), w: p.w.slice(a, b) });

const SPACES = /[\s\u00A0\u3000\uFEFF]+/gu;
const HAS_SPACE = /[\s\u00A0\u3000\uFEFF]/u;

function noSpaces(t: string): string {
  return HAS_SPACE.test(t) ? t.replace(SPACES, '') : t;
}

/** Both sides without white space (spaces are never converted, so both lose the same characters). */
export function squeeze(p: Pair): Pair {
  return p.m === p.w ? pairOf(noSpaces(p.m)) : { m: noSpaces(p.m), w: noSpaces(p.w) };
}

/** Words an agency's name ends in (longest first where one ends another). */
const BODY = /(?:人民政府|政府|街道办事处|办事处|街道|委员会|管委会|办公室|办公厅|管理局|分局|局|厅|委|办|部|院|所|站|中心|镇|乡|实验区|新区|开发区|园区|管理区|支队|大队|队|处|署|会|馆|社|公司|集团|大学|学院|学校|医院)$/u;
/** Not in a name: sentence punctuation, digits, quotation and book-title marks. */
const NOT_IN_NAME = /[，。；：！？、,.;:!?“”"'《》<>【】\[\]\d０-９|_]/u;
/** Words of a sentence or a title, never of a name; 我/本/该 open a sentence's reference (「我办」「本单位」). */
const SENTENCE_WORD = /报告|根据|按照|依据|条例|年度|要求|通知|规定|如下|编制|公布|现将|我们|以下|情况|关于/u;
const PRONOUN = /^(?:我|本|该|各|全)/u;
const MIN_NAME = 3;
const MAX_NAME = 40;

/**
 * A place that publishes as its government (「淮安市2024年政府信息公开工作年度报告」「沛县……」): taken as a name only
 * where a title puts it, never from running text.
 */
const REGION = /(?:省|市|县|区|自治州|州|旗|盟)$/u;

/** Before a name in a title: a crawler's 「标题:」 label, opening quotation marks and brackets. */
const LEAD = /^(?:[（(【\[「『“"]?(?:标题|题目|title)[)）】\]」』”"]?\s*[:：]?)?[「『“"《（(]*/iu;
/** After a name: closing quotation marks and brackets. */
const CLOSING = new Set([...'」』”"》）)'].map((ch) => ch.charCodeAt(0)));

/**
 * A name as written without what is around it in a title («关于», brackets, quotation marks), or undefined.
 * `inTitle`: the text stands where a title names its agency, so a place's name (ending in 市, 县, 区 …) counts too.
 */
export function asAgencyName(p: Pair, inTitle = false): Pair | undefined {
  let n = squeeze(p);
  const lead = LEAD.exec(n.m)![0].length;
  // The end is trimmed by hand: a regex anchored at the end is tried from every position.
  let end = n.m.length;
  while (end > lead && CLOSING.has(n.m.charCodeAt(end - 1))) end--;
  if (n.m.endsWith('关于', end)) end -= 2;
  else if (n.m.endsWith('的', end)) end -= 1;
  n = slicePair(n, lead, end);
  const s = n.m;
  const region = inTitle && REGION.test(s);
  if (s.length < (region ? 2 : MIN_NAME) || s.length > MAX_NAME) return undefined;
  if (NOT_IN_NAME.test(s) || SENTENCE_WORD.test(s) || PRONOUN.test(s) || !(region || BODY.test(s))) return undefined;
  return n;
}

const GOVERNMENT = /(?:人民政府|政府|管委会|管理委员会|实验区|新区|街道办事处|街道|镇|乡|省|市|县|区|自治州|州|旗|盟)$/u;

/**
 * 政府 for a people's government, a township (镇, 乡), a street office (街道办事处), a zone's committee, or a place
 * named alone (its government publishes under the place's name).
 */
export function agencyLevel(name: string): Agency['level'] {
  return GOVERNMENT.test(name) ? 'government' : 'department';
}

/** What a title says after the name: 「政府信息公开工作年度报告」 and its shorter forms. */
const AFTER_NAME = /(?:政府信息公开|政务公开|信息公开|政府信息|工作年度报告|年度报告|工作报告)/uy;

/**
 * The name in the part of a title that is not its year: the whole part (「××」 of 「××2020年度…」), else the
 * shortest head followed by 「政府信息公开…」 that is a name (「2020年洪泽区人民政府政府信息公开…」: the first 政府信息
 * starts inside the name, so heads are tried in order until one is a name).
 */
export function nameInTitlePart(p: Pair): Pair | undefined {
  const s = squeeze(p);
  // A body's name first (「淮安市政府」 of 「淮安市政府信息公开…」), a place's name alone only when there is none.
  for (const region of [false, true]) {
    const whole = asAgencyName(s, region);
    if (whole) return whole;
    for (let i = region ? 2 : MIN_NAME; i < s.m.length && i <= MAX_NAME + 4; i++) {
      AFTER_NAME.lastIndex = i;
      if (!AFTER_NAME.test(s.m)) continue;
      const n = asAgencyName(slicePair(s, 0, i), region);
      if (n) return n;
    }
  }
  return undefined;
}

const YEAR_WORD = '(?:(?:19|20)\\d{2}|二[〇零○O][一二三四五六七八九〇零○O]{2})\\s*年度?';

/**
 * Opening sentences that name the agency, each with the name in group 1: 「现公布××2023年度…」「现将××2020年…」
 * 「特编制××2020年…」「本报告由××根据…编制」 (a name of at most MAX_NAME characters, checked by asAgencyName after).
 */
const PREAMBLE_FORMS: readonly RegExp[] = [
  new RegExp(`(?:现(?:予以|特|将|予)?公布|现将|特编制|编制了?|发布)([^，。；：\\n]{${MIN_NAME},${MAX_NAME + 10}}?)${YEAR_WORD}`, 'dgu'),
  /本报告由([^，。；：\n]{3,50}?)(?:根据|依据|按照|编制|汇总|负责)/dgu,
];

/**
 * The name the opening sentences state first (an opening under 一 comes after the one before it); a 人民政府办公室
 * that compiles the report (本报告由…编制) compiles its government's report.
 */
export function agencyFromPreamble(p: Pair): Pair | undefined {
  let best: { at: number; name: Pair } | undefined;
  for (const [k, re] of PREAMBLE_FORMS.entries()) {
    for (const m of p.m.matchAll(re)) {
      if (best && m.index > best.at) break;
      const [a, b] = m.indices![1]!;
      const n = asAgencyName(slicePair(p, a, b));
      if (!n) continue;
      // 「本报告由××人民政府办公室…编制」: the office compiles its government's report.
      const name = k === 1 && /人民政府办公室$/u.test(n.m) ? slicePair(n, 0, n.m.length - 3) : n;
      if (!best || m.index < best.at) best = { at: m.index, name };
      break;
    }
  }
  return best?.name;
}

const DATE_LINE = /^(?:(?:19|20)\d{2}|二[〇零○O][一二三四五六七八九〇零○O]{2})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$/u;
const PAGE_LINE = /^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页.*|\d{1,4})$/u;

/** The signature (落款): a line holding only a name among the last lines of the report, before its date if any. */
export function agencyFromSignature(p: Pair, maxLines = 8): Pair | undefined {
  let end = p.m.length;
  for (let k = 0; k < maxLines && end > 0; ) {
    const start = p.m.lastIndexOf('\n', end - 1) + 1;
    const line = slicePair(p, start, end);
    end = start - 1;
    const t = line.m.trim();
    if (!t) continue;
    k++;
    if (DATE_LINE.test(t) || PAGE_LINE.test(t)) continue;
    if (t.length > MAX_NAME + 10) return undefined; // running text: the report ends without a signature
    const n = asAgencyName(line);
    if (n) return n;
  }
  return undefined;
}

/**
 * The 落款 closing the last section: its last paragraphs when they are a date and/or a line holding only a name
 * (「威海市文登区天福街道办事处」 then 「2021年1月31日」, or both on one line). They are the report's signature, not
 * text of 六: `keep` is how many paragraphs are text. Page numbers after it are dropped with it.
 */
export function trailingSignature(m: readonly string[], w: readonly string[]): { keep: number; agency?: string; date?: string } {
  let k = m.length;
  const skip = () => {
    while (k > 0 && (!m[k - 1]!.trim() || PAGE_LINE.test(m[k - 1]!.trim()))) k--;
  };
  skip();
  let date: string | undefined, agency: string | undefined;
  const d = k > 0 ? readDate(m[k - 1]!) : undefined;
  if (d) {
    date = d.iso;
    if (d.before) agency = asAgencyName(pairOf(d.before, w[k - 1]!.trim().slice(0, d.before.length)))?.w;
    k--;
    skip();
  }
  if (!agency && k > 0) {
    const n = asAgencyName(pairOf(m[k - 1]!.trim(), w[k - 1]!.trim()));
    if (n && m[k - 1]!.trim().length <= MAX_NAME + 4) {
      agency = n.w;
      k--;
    }
  }
  if (!date && !agency) return { keep: m.length };
  return { keep: k, ...(agency ? { agency } : {}), ...(date ? { date } : {}) };
}
