/**
 * The phrases a narrative states table figures in, as data: each pattern says which cells (summed) its number
 * describes. Designed from the real reports in the fixtures: 「共收到依申请公开信件7件」, 「受理政府信息公开申请
 * 3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）」, 「行政复议351件，其中结果维持72件…」,
 * 「集中公开现行有效行政规范性文件698件」, 「本年度制发的规范性文件88件」, 「共收到70件申请…1件结转下年度」.
 */
import { catalogue, type FormatId } from '../formats/index.js';
import { NUMBER_SOURCE } from './text.js';

/** Cells whose sum a stated number should equal. */
export type Reading = readonly string[];

export interface FigureItem {
  /** Regex source with a named group `n`; matched inside the anchor's sentence. */
  readonly re: string;
  readonly readings: (f: FormatId) => readonly Reading[];
  readonly hints?: readonly { readonly cells: Reading; readonly describes: string }[];
}

export interface FigurePattern {
  readonly id: string;
  /** Regex source with a named group `n` (or a fixed `zero`) and optionally `what` (words between verb and noun). */
  readonly re: string;
  /** The statement is a negation 「未收到…申请」: the number is 0. */
  readonly zero?: boolean;
  readonly formats?: readonly FormatId[];
  /** Alternatives: the statement agrees with the tables if any of them sums to the stated number. First is reported. */
  readonly readings: (f: FormatId, what: string) => readonly Reading[] | undefined;
  /** Sums that explain a mismatch (「75 = 本年新收 74 + 上年结转 1」), with their wording key. */
  readonly hints?: (f: FormatId) => readonly { readonly cells: Reading; readonly describes: string }[];
  /** `what` or the clause before the verb shows another scope: no comparison at all (e.g. 「备案」). */
  readonly skip?: RegExp;
  /** Figures that follow the anchor in the same sentence, e.g. 「其中结果维持72件」. */
  readonly items?: readonly FigureItem[];
  /** Where the items stop: the next anchor of another topic. */
  readonly itemsStop?: RegExp;
}

const N = `(?<n>${NUMBER_SOURCE})`;
const GAP = String.raw`(?<what>[^，。；,;：:\d]{0,24}?)`;
const SHORT_GAP = String.raw`(?<what>[^，。；,;：:\d]{0,14}?)`;
const APPS = '(?:件|份)';
const CASES = '(?:件|起|宗)';

const rowIds = (f: FormatId, prefix: string) =>
  catalogue(f).rows.filter((r) => r.table === 't3' && r.id.startsWith(prefix)).map((r) => `t3.${r.id}.total`);

const t3 = (row: string, col = 'total') => `t3.${row}.${col}`;
const SUITS = ['suit-direct', 'suit-after-review'] as const;
const suitCells = (col: string) => SUITS.map((g) => `t4.${g}.${col}`);

/** Applications counted elsewhere: 协助调查, 备案, 咨询, 转办, 建议提案, 复议诉讼. */
const NOT_APPLICATIONS = /协助|备案|咨询|转办|转交|转来|复议|诉讼|建议|提案|投诉|举报|涉及|关于|有关/;

const applicant = (label: string, col: string | readonly string[]): FigureItem => {
  const cols = typeof col === 'string' ? [col] : col;
  return {
    re: `${label}${N}${APPS}`,
    readings: () => [cols.map((c) => t3('new', c))],
    hints: [{ cells: cols.flatMap((c) => [t3('new', c), t3('carried', c)]), describes: 'newPlusCarried' }],
  };
};

const t4Items = (cells: (col: string) => Reading): FigureItem[] => [
  { re: `(?:结果)?维持${N}${CASES}`, readings: () => [cells('upheld')] },
  { re: `(?:结果)?纠正${N}${CASES}`, readings: () => [cells('corrected')] },
  { re: `其他(?:结果)?${N}${CASES}`, readings: () => [cells('other')] },
  { re: `(?:尚)?未审结${N}${CASES}`, readings: () => [cells('pending')] },
];

/** Which of t2's 第二十条第（一）项 rows a phrase names: 规章, 规范性文件, or unspecified (either reading). */
function t2Readings(column: string, what: string, needNoun: boolean): readonly Reading[] | undefined {
  const rules = /规章/.test(what), normative = /规范性文件/.test(what);
  const cell = (row: string) => `t2.${row}.${column}`;
  if (rules && !normative) return [[cell('rules')]];
  if (normative && !rules) return [[cell('normative')], [cell('rules'), cell('normative')]];
  if (needNoun && !rules && !normative) return undefined;
  return [[cell('rules'), cell('normative')], [cell('normative')]];
}

const NEW_HINTS = (col: string) => () => [{ cells: [t3('new', col), t3('carried', col)], describes: 'newPlusCarried' }];

export const FIGURE_PATTERNS: readonly FigurePattern[] = [
  // ── t3: applications ──
  {
    id: 'new', re: `(?:收到|受理|接收|接到|新收)${GAP}(?:申请|信件)(?:共计|共|合计|总计)?(?:为|达)?${N}${APPS}`,
    readings: () => [[t3('new')]], hints: NEW_HINTS('total'), skip: NOT_APPLICATIONS,
    items: [
      applicant('自然人', 'natural'), applicant('商业企业', 'commercial'), applicant('科研机构', 'research'),
      applicant('社会公益组织', 'nonprofit'), applicant('法律服务机构', 'legal'),
      applicant('法人或其他组织', ['commercial', 'research', 'nonprofit', 'legal', 'other']),
    ],
    itemsStop: /办结|答复|结转|顺延/,
  },
  {
    id: 'new-number-first', re: `(?:收到|受理|接收|接到|新收)(?:了)?(?:各类)?${N}${APPS}(?:政府信息公开|依申请公开|信息公开)?(?:申请|信件)`,
    readings: () => [[t3('new')]], hints: NEW_HINTS('total'),
  },
  {
    id: 'new-none', zero: true, re: `(?:未|没有)(?:收到|接到|受理)${GAP}(?:申请|信件)`,
    readings: () => [[t3('new')]], skip: NOT_APPLICATIONS,
  },
  {
    id: 'handled', re: `(?<!下年度?|协助调查)(?:办结|答复|回复|办理完毕|处理完毕)(?:了)?(?:各类)?(?:申请)?(?:共计|共)?${N}${APPS}`,
    readings: () => [[t3('total')]], hints: () => [{ cells: [t3('new')], describes: 'newOnly' }], skip: NOT_APPLICATIONS,
  },
  {
    id: 'carried', re: `上(?:一)?年(?:度)?结转(?:的|而来的)?(?:政府信息公开|依申请公开)?(?:申请)?(?:共)?${N}${APPS}`,
    readings: () => [[t3('carried')]],
  },
  {
    id: 'carry-forward', re: `${N}${APPS}(?:申请)?(?:结转|顺延|转入|延续)(?:至|到)?下(?:一)?年(?:度)?`,
    readings: () => [[t3('carry-forward')]],
  },
  {
    id: 'carry-forward-after', re: `结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?(?:申请)?(?:共)?${N}${APPS}`,
    readings: () => [[t3('carry-forward')]],
  },
  { id: 'granted', re: `(?<!不)予以公开(?:的)?${N}${APPS}`, readings: () => [[t3('granted')]] },
  { id: 'partial', re: `部分公开(?:的)?${N}${APPS}`, readings: () => [[t3('partial')]] },
  { id: 'denied', re: `不予公开(?:的)?${N}${APPS}`, readings: (f) => [rowIds(f, 'denied.')] },
  { id: 'unable', re: `无法提供(?:的)?${N}${APPS}`, readings: (f) => [rowIds(f, 'unable.')] },
  { id: 'rejected', re: `不予处理(?:的)?${N}${APPS}`, readings: (f) => [rowIds(f, 'rejected.')] },
  // ── t4: review and litigation ──
  {
    id: 'review-and-suits', re: `行政复议(?:和|及|与|、)行政诉讼(?:案件)?(?:共计|共|合计)?${N}${CASES}`,
    readings: () => [['t4.review.total', ...suitCells('total')]],
  },
  {
    id: 'review', re: `(?<!经)行政复议(?!后)(?:案件|申请)?(?:共计|共)?(?:为)?${N}${CASES}`,
    readings: () => [['t4.review.total']],
    items: t4Items((c) => [`t4.review.${c}`]), itemsStop: /行政诉讼/,
  },
  {
    id: 'suits', re: `(?<!行政复议(?:和|及|与|、))行政诉讼(?:案件)?(?:共计|共)?(?:为)?${N}${CASES}`,
    readings: () => [suitCells('total')],
    hints: () => SUITS.map((g) => ({ cells: [`t4.${g}.total`], describes: g })),
    items: t4Items(suitCells), itemsStop: /行政复议/,
  },
  {
    id: 'review-none', zero: true, re: `(?:未发生|未出现|没有发生|没有出现|未有|未产生)${GAP}行政复议(?!后|被?纠错|败诉|被撤销)`,
    readings: () => [['t4.review.total']], skip: /纠错|败诉|撤销|确认违法/,
  },
  {
    id: 'suits-none', zero: true, re: `(?:未发生|未出现|没有发生|没有出现|未有|未产生)${GAP}行政诉讼(?!被?纠错|败诉|被撤销)`,
    readings: () => [suitCells('total')], skip: /纠错|败诉|撤销|确认违法/,
  },
  // ── t2 (2021): 规章 and 行政规范性文件 ──
  {
    id: 'in-force', formats: ['2021'], re: `现行有效(?:的)?${SHORT_GAP}(?:共计|共)?${N}件`,
    readings: (_f, what) => t2Readings('in-force', what, false), skip: /备案/,
  },
  {
    id: 'issued', formats: ['2021'], re: `(?:新制发|制发)(?:了|的)?${SHORT_GAP}(?:共计|共)?${N}件`,
    readings: (_f, what) => t2Readings('issued', what, true), skip: /备案/,
  },
  {
    id: 'repealed', formats: ['2021'], re: `废止(?:了|的)?${SHORT_GAP}(?:共计|共)?${N}件`,
    readings: (_f, what) => t2Readings('repealed', what, false), skip: /备案|政策/,
  },
];

/** Words before the verb that show the narrative counts a narrower or different scope than the table. */
export const SCOPE_WORDS = /代表|本级|政府办|办公室|本部门|本机关|本单位|部分单位|其中/;
