/**
 * Whether the parts the format asks for are there and say something: narrative.missing-part (一),
 * narrative.empty (五), narrative.fees (六, 2021 format), and the same questions for one answer of the bot.
 */
import { SECTIONS } from '../formats/common.js';
import type { NarrativePartDef } from '../formats/index.js';
import { NARRATIVE_MESSAGES as M } from '../messages.js';
import { finding, type Finding, type RuleId } from '../rules/catalogue.js';
import { bare, excerpt, flatten, hasContent } from './text.js';

/** 「无」「暂无」「没有」「无。」, alone or after a label such as 「存在的主要问题：无」. */
const NONE = /^(?:(?:存在的?主要问题|主要问题|问题|改进情况|改进措施|其他需要报告的事项|其他事项)?(?:无|暂无|没有|不存在|无相关情况|无其他需要报告的事项))+$/u;
/** Words that name a concrete shortcoming. */
const PROBLEM = /问题|不足|差距|短板|薄弱|欠缺|不够|不高|不强|不到位|不及时|不规范|不完善|不充分|不畅|不深|不全|有待|单一|滞后|较少|偏少|缺乏|不平衡/u;
/** Words that name an improvement. */
const MEASURE = /将|下一步|今后|改进|加强|完善|推进|提升|提高|整改|健全|措施|强化|优化|持续|进一步/u;

/** The section headings, the same in both formats. */
const HEADING = Object.fromEntries(SECTIONS.map((x) => [x.id, x.heading])) as Record<(typeof SECTIONS)[number]['id'], string>;

/** Minimum number of letters/digits of a part that must say something (overview.*, problems.*). */
export const MIN_ANSWER_CHARS = 20;

/** Is the text 「无」 or a variant of it? */
export function isNone(text: string): boolean {
  return NONE.test(bare(text));
}

/** 「[…]」: a copy abridged by whoever made it (the fixtures): the part had text, it is not missing. */
const ABRIDGED = /\[(?:…|\.\.\.)\]/u;

/**
 * Parts that reports often fold into another part of 一 rather than giving them a heading: 工作考核、社会评议和
 * 责任追究 usually sits in （五）监督保障. Such a part counts as present when 一 speaks of it anywhere.
 */
const FOLDED: Readonly<Record<string, RegExp>> = { 'overview.assessment': /考核|社会评议|责任追究/u };

/**
 * The required parts the narrative lacks: empty, or (一's parts) neither given nor folded into another part of 一.
 * The bot refuses 完成 on these; the checks report 一's as narrative.missing-part.
 */
export function lackingParts(parts: readonly NarrativePartDef[], narrative: Readonly<Record<string, string>>): NarrativePartDef[] {
  const present = (text: string) => hasContent(text) || ABRIDGED.test(text);
  const overview = Object.entries(narrative).filter(([id]) => id.startsWith('overview.')).map(([, t]) => flatten(t)).join('');
  return parts.filter((p) => p.required && !present(narrative[p.id] ?? '') && !(p.section === 'overview' && FOLDED[p.id]?.test(overview)));
}

/** narrative.missing-part: every required overview part the narrative lacks. */
export function missingParts(parts: readonly NarrativePartDef[], narrative: Readonly<Record<string, string>>): Finding[] {
  return lackingParts(parts, narrative).filter((p) => p.section === 'overview')
    .map((p) => finding('narrative.missing-part', M.missingPart(HEADING.overview, p.heading ?? p.id, p.asks)));
}

/** narrative.empty: section 五 as a whole (the importer may not split it into problems and measures). */
export function problemsFindings(text: string): Finding[] {
  const b = bare(text);
  if (!b) return [finding('narrative.empty', M.problemsEmpty(HEADING.problems))];
  if (isNone(text)) return [finding('narrative.empty', M.problemsNone(HEADING.problems, excerpt(flatten(text).trim(), 20)))];
  if (!PROBLEM.test(b)) return [finding('narrative.empty', M.problemsBoilerplate(HEADING.problems, excerpt(flatten(text).trim(), 40)))];
  if (!MEASURE.test(b)) return [finding('narrative.empty', M.problemsNoMeasures(HEADING.problems))];
  return [];
}

/** 信息处理费 stated with an amount or as not collected. */
const FEE = /信息处理费|处理费/u;
const FEE_STATED = /(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)(?:元|万元)|未收取|不收取|没有收取|未产生|无收取|未发生|免收|零收费|收取[^，。；]{0,6}0元/u;

/** narrative.fees for section 六 as a whole, 2021 format. */
export function feesFindings(text: string): Finding[] {
  const flat = flatten(text);
  const m = FEE.exec(flat);
  if (!m) return [finding('narrative.fees', M.feesMissing(HEADING.other))];
  if (FEE_STATED.test(flat)) return [];
  const from = Math.max(0, m.index - 15);
  return [finding('narrative.fees', M.feesVague(HEADING.other, excerpt(flat.slice(from, m.index + 20), 40)))];
}

/** Which rule an empty or too-short answer to this part falls under, if any. */
function emptinessRule(p: NarrativePartDef): RuleId | undefined {
  if (p.section === 'overview') return 'narrative.missing-part';
  if (p.section === 'problems') return 'narrative.empty';
  if (p.id === 'other.fees') return 'narrative.fees';
  return undefined;
}

/** A sentence that says there was nothing of the part's kind: 「2020年，区工信局未收到依申请公开事项。」 */
const NOTHING_HAPPENED = /未(?:收到|发生|产生|出现|开展|受理)|没有(?:收到|发生|产生|出现)|无(?:此类|相关)|均为0|均为零/u;

/**
 * One answer of the bot: empty, 「无」 where the part may not be none, too short, and what 五/六 must say. The answer
 * is read as an answer to its own question: 「未收取」 at the 信息处理费 question states the fee. A very short sentence
 * saying that nothing happened is a normal answer, except in 五, where a problem must be named.
 */
export function answerFindings(p: NarrativePartDef, text: string, name: string): Finding[] {
  const rule = emptinessRule(p);
  const b = bare(text);
  if (!b) return rule && p.required ? [finding(rule, M.answerEmpty(name))] : [];
  if (isNone(text)) return rule && !p.mayBeNone ? [finding(rule, M.answerNone(name))] : [];
  if (p.id === 'other.fees') return FEE_STATED.test(flatten(text)) ? [] : feesFindings(text);
  const nothing = p.section !== 'problems' && NOTHING_HAPPENED.test(b);
  if (rule && !nothing && b.length < MIN_ANSWER_CHARS) return [finding(rule, M.answerShort(name, b.length, MIN_ANSWER_CHARS))];
  if (p.id === 'problems.issues' && !PROBLEM.test(b)) return [finding('narrative.empty', M.problemsBoilerplate(HEADING.problems, excerpt(flatten(text), 40)))];
  return [];
}
