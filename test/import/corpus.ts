/**
 * The accuracy corpus: every real fixture rewritten into every shape the importer must read — the "who and when"
 * shapes of a published report (title forms, a title split over lines, no title, name only in the opening sentence
 * or the signature, crawler and flipbook prefixes, a page <title>, Traditional Chinese from a mirror site, heading
 * variants, a leftover template note) and every text layout of ./writers.ts (a layout added there is measured here
 * without further change). Generated on the fly from ../shared/fixtures; nothing is copied.
 *
 * The reference of each fixture is what its README states for agency and year, and for the cells the importer's
 * reading of the fixture as published (checked against the README's figures by fixtures.test.ts).
 */
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { catalogue, type Draft, type FormatId } from '../../shared/index.js';
import { importReport, type ImportInput, type ImportResult } from '../../shared/import/index.js';
import { toSimplified } from '../../shared/import/traditional.js';
import { FIXTURE_NAMES, FIXTURES_DIR } from './support.js';
import { TEXT_LAYOUTS, writeReport } from './writers.js';

export interface Truth {
  readonly agency: string;
  readonly year: number;
}

/** Agency and year of each fixture, read from the table of ../shared/fixtures/README.md. */
export function fixtureTruth(): Record<string, Truth> {
  const readme = readFileSync(`${FIXTURES_DIR}../README.md`, 'utf8');
  const out: Record<string, Truth> = {};
  for (const m of readme.matchAll(/^\|\s*`reports\/([\w-]+)\.txt`\s*\|\s*([^,|]+),\s*(\d{4}),/gmu)) out[m[1]!] = { agency: m[2]!.trim(), year: Number(m[3]) };
  return out;
}

/** A fixture cut into its title block, its opening (up to 一), and the rest. */
interface Parts {
  readonly title: string;
  readonly opening: string;
  readonly body: string;
}

const HEADING_ONE = /(^|\n|\s)[ \t\u3000]*一、\s*总体情况/u;

function cut(text: string): Parts {
  const one = HEADING_ONE.exec(text);
  const bodyAt = one ? one.index + one[1]!.length : 0;
  const head = text.slice(0, bodyAt);
  // The title block ends after the first line naming 「报告」 among the first lines (and a crawler's record after it).
  const lines = head.split('\n');
  let end = 0, n = 0;
  for (let i = 0, pos = 0; i < lines.length && n < 6; pos += lines[i]!.length + 1, i++) {
    if (!lines[i]!.trim()) continue;
    n++;
    if (/报告/u.test(lines[i]!) && lines[i]!.trim().length < 80) {
      end = pos + lines[i]!.length;
      for (let j = i + 1, p = end + 1; j < lines.length && /^(?:发布时间|栏目|来源|=+)/u.test(lines[j]!.trim()); p += lines[j]!.length + 1, j++) end = p + lines[j]!.length;
      break;
    }
  }
  return { title: head.slice(0, end), opening: head.slice(end), body: text.slice(bodyAt) };
}

/** The opening without the sentences that name the agency (those are what some shapes test on their own). */
function namelessOpening(opening: string, year: number): string {
  const period = /[^。\n]*统\s*计[^。]*。/u.exec(opening)?.[0];
  return `根据《中华人民共和国政府信息公开条例》规定，现将我单位${year}年度政府信息公开工作情况报告如下。${period ? period.replace(/\s+/gu, '') : ''}\n`;
}

/** 一 with its first sentence opening on 「20××年，」 (inserted where the report did not write it). */
function overviewWithYear(body: string, year: number): string {
  const m = /一、\s*总体情况\s*/u.exec(body)!;
  const after = body.slice(m.index + m[0].length);
  if (/^\s*(?:（一）[^\n。]{0,20}[。\n]?\s*)?(?:19|20)\d{2}\s*年度?\s*[，,]/u.test(after)) return body;
  return `${body.slice(0, m.index + m[0].length)}${year}年，${after.trimStart()}`;
}

const CN = '〇一二三四五六七八九';
/** 「二〇二一年一月三十一日」, as signatures are dated. */
const cnDate = (year: number) => `${[...String(year)].map((d) => CN[Number(d)]).join('')}年一月三十一日`;

const withoutPeriod = (s: string) => s.replace(/[^。\n]*统\s*计[^。]*。/gu, '');

export interface Sample {
  readonly fixture: string;
  readonly shape: string;
  readonly input: ImportInput;
  readonly truth: Truth;
  /** The reference reading (of the fixture as published). */
  readonly base: Draft;
  /** The cells compared: those of the reference that the sample's text prints. */
  readonly reference: readonly string[];
}

type Shape = (p: Parts, t: Truth, name: string) => { text: string; title?: string } | undefined;

const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const hk = OpenCC.Converter({ from: 'cn', to: 'hk' });

/**
 * Characters as the CJK radicals that share their glyphs, as a browser's PDF names them in its ToUnicode maps and
 * as every tool that takes the text of such a PDF passes them on (Kangxi radicals, and the supplement's 民 长 门 见
 * 车 页). 一 and 二 among them: the headings' and rows' numbering.
 */
const RADICALS: Readonly<Record<string, string>> = {
  一: '⼀', 二: '⼆', 人: '⼈', 入: '⼊', 八: '⼋', 力: '⼒', 十: '⼗', 工: '⼯', 大: '⼤', 子: '⼦', 小: '⼩', 山: '⼭', 干: '⼲',
  心: '⼼', 手: '⼿', 文: '⽂', 方: '⽅', 日: '⽇', 月: '⽉', 水: '⽔', 用: '⽤', 田: '⽥', 白: '⽩', 目: '⽬', 示: '⽰', 立: '⽴',
  自: '⾃', 至: '⾄', 行: '⾏', 言: '⾔', 走: '⾛', 身: '⾝', 里: '⾥', 民: '⺠', 长: '⻓', 门: '⻔', 见: '⻅', 车: '⻋', 页: '⻚',
};
const asRadicals = (text: string) => text.replace(/[一二人入八力十工大子小山干心手文方日月水用田白目示立自至行言走身里民长门见车页]/gu, (c) => RADICALS[c] ?? c);

/** The meta shapes: each rewrites the title, opening or headings of a fixture as real reports write them. */
export const META_SHAPES: Readonly<Record<string, Shape>> = {
  'as published': (p) => ({ text: p.title + p.opening + p.body }),
  'title: name then year': (p, t) => ({ text: `${t.agency}${t.year}年度政府信息公开工作年度报告\n${p.opening}${p.body}` }),
  'title: year then name': (p, t) => ({ text: `${t.year}年${t.agency}政府信息公开工作年度报告\n${p.opening}${p.body}` }),
  'title: split inside': (p, t) => ({ text: `    ${t.agency}${t.year}年政府信息\n    公开工作年度报告\n${p.opening}${p.body}` }),
  'title: name on the line above': (p, t) => ({ text: `${t.agency}\n${t.year} 年政府信息公开工作年度报告\n${p.opening}${p.body}` }),
  'title: 关于 and the year after it': (p, t) => ({ text: `${t.agency}关于政府信息公开工作年度报告（${t.year}年度）\n${p.opening}${p.body}` }),
  'title: flipbook prefix': (p, t) => ({ text: `Page 1 - ${t.agency}${t.year}年政府信息公开工作年度报告\n${p.opening}${p.body}` }),
  'title: crawler record': (p, t) => ({ text: `标题：${t.agency}${t.year}年度政府信息公开工作年度报告\n发布时间：${t.year + 1}-01-28 09:00\n栏目：政府信息公开年报\n${p.opening}${p.body}` }),
  'page <title> only': (p, t) => ({ text: namelessOpening(withoutPeriod(p.opening), t.year) + withoutPeriod(p.body).replace(/(?:19|20)\d{2}\s*年度?\s*[，,]/gu, '今年，'), title: `Page 8 - ${t.agency}${t.year}年度政府信息公开工作年度报告_政府信息公开年报_门户网站` }),
  'no title, 统计期限': (p) => (/统\s*计/u.test(p.opening + p.body.slice(0, 3000)) ? { text: p.opening + p.body } : undefined),
  'no title, 「20××年，」 in 一': (p, t) => ({ text: withoutPeriod(p.opening) + overviewWithYear(withoutPeriod(p.body), t.year) }),
  'no title, name in 「现公布」': (p, t) => ({ text: `根据《中华人民共和国政府信息公开条例》规定，现公布${t.agency}${t.year}年度政府信息公开工作年度报告。${withoutPeriod(p.opening).trim()}\n${p.body}` }),
  'no title, name in 「本报告由…编制」': (p, t) => ({ text: `本报告由${t.agency}根据《中华人民共和国政府信息公开条例》编制。本报告所列数据统计期限自${t.year}年1月1日起至${t.year}年12月31日止。\n${p.body}` }),
  'no title, name in 「特编制」': (p, t) => ({ text: `按照上级要求，特编制${t.agency}${t.year}年政府信息公开工作年度报告。\n${p.body.replace(/^/u, '')}` }),
  'no title, name on the first line': (p, t) => ({ text: `${t.agency}\n${namelessOpening(p.opening, t.year)}${p.body}` }),
  'title without a name, 「现将我办」, signature': (p, t) => ({
    text: `${t.year}年度政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》要求，现将我办${t.year}年度政府信息公开工作情况报告如下。\n${p.body.trimEnd()}\n\n　　　　${t.agency}\n　　　　${cnDate(t.year + 1)}\n`,
  }),
  'no title, name only in the signature': (p, t) => ({ text: `${namelessOpening(p.opening, t.year)}${p.body.trimEnd()}\n\n${t.agency}\n${t.year + 1}年1月25日\n` }),
  'radicals for characters (text of a PDF printed by a browser)': (p) => ({ text: asRadicals(p.title + p.opening + p.body) }),
  'Traditional Chinese (mirror site)': (p) => ({ text: tw(p.title + p.opening + p.body) }),
  'Traditional Chinese, Hong Kong forms': (p) => ({ text: hk(p.title + p.opening + p.body) }),
  'heading variants': (p) => ({
    text: p.title + p.opening + p.body
      .replace(/二、\s*主动公开政府信息情况/u, '二、行政机关主动公开政府信息情况')
      .replace(/四、\s*[^\n]{0,6}行政[^\n]{0,2}复议、行政诉讼情况/u, '四、因政府信息公开工作被申请行政复议提起行政诉讼情况')
      .replace(/五、\s*(?:政府信息公开工作)?存在的主要问题(?:及|和)改进(?:情况|措施)/u, '五、政府信息公开工作存在的主要问题及改进情况'),
  }),
  '编写说明 left in': (p) => ({ text: `${p.title}\n编写说明：本模板供参考，表格中数据按实际填写，正式发布时请删除本说明。\n${p.opening}${p.body}` }),
};

/** Every sample of the corpus: each fixture in each meta shape, and its reading in each text layout of writers.ts. */
export function corpus(): Sample[] {
  const truth = fixtureTruth();
  const out: Sample[] = [];
  for (const name of FIXTURE_NAMES) {
    const text = readFileSync(`${FIXTURES_DIR}${name}.txt`, 'utf8');
    const t = truth[name];
    if (!t) throw new Error(`${name}: no agency and year in the fixtures README`);
    const base = importReport({ name: `${name}.txt`, text }).draft;
    const parts = cut(text);
    const read = Object.keys(base.cells);
    // A layout writes the format's grid: a cell read from a row the format does not have (hongze's 2019-shaped
    // （六）其他处理 in a 2021 report) is not in its text.
    const inFormat = new Set(catalogue(base.format as FormatId).cells.map((c) => c.id));
    for (const [shape, make] of Object.entries(META_SHAPES)) {
      const v = make(parts, t, name);
      if (v) out.push({ fixture: name, shape, input: { name: `${name}.txt`, text: v.text, ...(v.title ? { title: v.title } : {}) }, truth: t, base, reference: read });
    }
    // The tables as another layout would print them (title and narrative from the reading of the fixture).
    const named: Draft = { ...base, agency: { ...base.agency, name: t.agency } };
    for (const layout of TEXT_LAYOUTS) out.push({ fixture: name, shape: `layout: ${layout}`, input: { name: 'report.txt', text: writeReport(named, layout) }, truth: t, base, reference: read.filter((id) => inFormat.has(id)) });
  }
  return out;
}

/** Names compared in Simplified Chinese without spaces; a name read with or without its city or county prefix is right. */
export function sameAgency(read: string, truth: string): boolean {
  const a = toSimplified(read).replace(/\s+/gu, ''), b = toSimplified(truth).replace(/\s+/gu, '');
  if (!a || !b) return false;
  return a === b || (a.endsWith(b) || b.endsWith(a)) && Math.min(a.length, b.length) >= 4;
}

export interface Tally {
  samples: number;
  cells: number;
  identical: number;
  wrong: number;
  unread: number;
  /** Unread cells that no finding names (nor its table, as missing): read neither right nor plainly not read. */
  unreported: number;
  yearRight: number;
  agencyRight: number;
  /** Samples in which all six section headings were found (variants included). */
  headingsFound: number;
  failures: string[];
}

/** Reads every sample and counts: cells identical / wrong / unread, year right, agency right. */
export function measure(samples: readonly Sample[], read: (i: ImportInput) => ImportResult = importReport): Tally {
  const tally: Tally = { samples: 0, cells: 0, identical: 0, wrong: 0, unread: 0, unreported: 0, yearRight: 0, agencyRight: 0, headingsFound: 0, failures: [] };
  for (const s of samples) {
    const r = read(s.input);
    tally.samples++;
    const named = new Set(r.findings.flatMap((f) => f.cells));
    const missingTables = new Set(r.findings.filter((f) => f.rule === 'structure.missing-table').map((f) => f.message));
    for (const id of s.reference) {
      tally.cells++;
      const got = r.draft.cells[id];
      if (got === undefined) {
        tally.unread++;
        if (!named.has(id) && !named.has(id.split('.').slice(0, -1).join('.')) && missingTables.size === 0) {
          tally.unreported++;
          tally.failures.push(`${s.fixture} · ${s.shape}: ${id} 未读出，也没有任何提示`);
        }
      }
      else if (got.trim() === (s.base.cells[id] ?? '').trim()) tally.identical++;
      else {
        tally.wrong++;
        tally.failures.push(`${s.fixture} · ${s.shape}: ${id} 读作“${got}”，应为“${s.base.cells[id]}”`);
      }
    }
    const sections = r.headings.filter((h) => !h.section.includes('.')).map((h) => h.section);
    if (sections.length === 6) tally.headingsFound++;
    else tally.failures.push(`${s.fixture} · ${s.shape}: 只找到 ${sections.length} 个一级标题（${sections.join('、')}）`);
    if (r.draft.year === s.truth.year) tally.yearRight++;
    else tally.failures.push(`${s.fixture} · ${s.shape}: 年度读作 ${r.draft.year}，应为 ${s.truth.year}`);
    if (sameAgency(r.draft.agency.name, s.truth.agency)) tally.agencyRight++;
    else tally.failures.push(`${s.fixture} · ${s.shape}: 机关读作“${r.draft.agency.name}”，应为“${s.truth.agency}”`);
  }
  return tally;
}

export const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

/** The figures as printed by the test and the bench. */
export function figures(t: Tally): Record<string, string | number> {
  return {
    'accuracy: samples (fixtures × shapes and layouts)': t.samples,
    'accuracy: cells compared': t.cells,
    'accuracy: cells identical (target ≥ 98%)': `${t.identical} (${pct(t.identical, t.cells)})`,
    'accuracy: cells wrong (target 0)': t.wrong,
    'accuracy: cells not read (left out and reported)': `${t.unread} (${pct(t.unread, t.cells)})`,
    'accuracy: cells not read and not reported (target 0)': t.unreported,
    'accuracy: year right (target every sample)': `${t.yearRight}/${t.samples}`,
    'accuracy: agency right (target ≥ 90%)': `${t.agencyRight}/${t.samples} (${pct(t.agencyRight, t.samples)})`,
    'accuracy: all six section headings found': `${t.headingsFound}/${t.samples}`,
  };
}
