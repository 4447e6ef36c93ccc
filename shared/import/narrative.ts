/**
 * The narrative split into the parts of SPEC §4: preamble, the sub-parts of 一 by their sub-headings, 五 into
 * problems and measures where the text separates them, 六 by what each sentence speaks of. Text is kept as
 * written (pasted web metadata and image placeholders stay for the narrative checks to see).
 */
import type { AgencyLevel, FormatId, NarrativePartDef } from '../formats/types.js';
import { narrativeParts } from '../formats/index.js';
import { IMPORT_MESSAGES } from '../messages.js';
import { finding, type Finding } from '../rules/catalogue.js';
import { isJsSpace } from '../width.js';

/** Whether code `c` is an ASCII letter or digit (the words a wrapped line joins with a space). */
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** The indent that starts a pdftotext paragraph: space, tab, U+3000, NBSP. */
const isIndent = (c: number) => c === 32 || c === 9 || c === 0x3000 || c === 0xa0;

/**
 * Paragraphs of a slice. `layout`: pdftotext lines — an indented line (two or more indent characters) starts a
 * paragraph, others continue it. Lines are found by offset and trimmed by slicing (no array of every line, no
 * regex per line): this runs on every narrative section of every report.
 */
export function paragraphs(slice: string, layout: boolean): string[] {
  const out: string[] = [];
  let cur = '';
  for (let start = 0; start <= slice.length;) {
    let end = slice.indexOf('\n', start);
    if (end < 0) end = slice.length;
    let a = start, b = end;
    while (a < b && isJsSpace(slice.charCodeAt(a))) a++;
    while (b > a && isJsSpace(slice.charCodeAt(b - 1))) b--;
    if (a < b) {
      const t = slice.slice(a, b);
      // Without page layout every non-blank line is a paragraph.
      if (!layout) out.push(t);
      else if (!cur || (isIndent(slice.charCodeAt(start)) && isIndent(slice.charCodeAt(start + 1)) && start + 1 < end)) {
        if (cur) out.push(cur);
        cur = t;
      } else {
        cur += isAlnum(cur.charCodeAt(cur.length - 1)) && isAlnum(t.charCodeAt(0)) ? ` ${t}` : t;
      }
    }
    start = end + 1;
  }
  if (cur) out.push(cur);
  return out;
}

/** Words that tell which part of 一 a sub-heading opens (first found wins). */
const OVERVIEW_WORDS: readonly [string, readonly string[]][] = [
  ['overview.assessment', ['社会评议', '责任追究', '工作考核']],
  ['overview.proactive', ['主动公开']],
  ['overview.requests', ['依申请', '申请公开', '申请办理', '公开申请']],
  ['overview.management', ['信息管理', '保密审查', '公开属性', '规范性文件管理']],
  ['overview.platform', ['平台', '网站', '新媒体', '载体']],
  ['overview.oversight', ['监督', '保障', '培训']],
];

function classifyOverview(heading: string, allowed: ReadonlySet<string>): string | undefined {
  let best: { id: string; at: number } | undefined;
  for (const [id, words] of OVERVIEW_WORDS) {
    if (!allowed.has(id)) continue;
    for (const w of words) {
      const at = heading.indexOf(w);
      if (at >= 0 && (!best || at < best.at)) best = { id, at };
    }
  }
  return best?.id;
}

/** The parts of 一 per format and level, and their ids (the same for every report: built once). */
const overviewCache = new Map<string, { defs: readonly NarrativePartDef[]; allowed: ReadonlySet<string> }>();
function overviewParts(format: FormatId, level: AgencyLevel) {
  const key = `${format}/${level}`;
  let got = overviewCache.get(key);
  if (!got) {
    const defs = narrativeParts(format, level).filter((p) => p.section === 'overview');
    overviewCache.set(key, (got = { defs, allowed: new Set(defs.map((p) => p.id)) }));
  }
  return got;
}

/** More sub-headings than this is not a report's 一: the rest stays text. */
const MAX_SUBHEADINGS = 100;

const SUB_MARKER = /(^|[\n。；;！？\]…])([ \t\u3000]*)([（(])([一二三四五六七八九十])([）)])/gu;

interface SubHeading {
  readonly start: number;
  readonly bodyStart: number;
  readonly part?: string;
  readonly written: string;
  readonly halfWidth: boolean;
  readonly numbered: boolean;
}

export interface OverviewSplit {
  readonly parts: Record<string, string>;
  /** The opening statement, when the report wrote it under 一 instead of before it. */
  readonly preamble?: string;
  readonly headings: { section: string; text: string }[];
  readonly findings: Finding[];
}

/**
 * 一、总体情况 → overview.* parts. Text before the first sub-heading is the lead (overview.lead); unknown sub-parts
 * join a neighbour.
 * `written`: the same paragraphs as written when `paras` is their Simplified form (same lengths): sub-headings are
 * recognised in `paras`, and the parts and headings are cut from `written`.
 */
export function splitOverview(paras: readonly string[], format: FormatId, level: AgencyLevel, introIsPreamble = false, written = paras): OverviewSplit {
  const { defs, allowed } = overviewParts(format, level);
  const text = paras.join('\n');
  const w = written === paras ? text : written.join('\n');
  const subs: SubHeading[] = [];
  SUB_MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (subs.length < MAX_SUBHEADINGS && (m = SUB_MARKER.exec(text)) !== null) {
    const start = m.index + m[1]!.length + m[2]!.length;
    const after = m.index + m[0].length;
    const stop = text.slice(after, after + 40).search(/[。：:\n \u3000[]/u);
    const titleEnd = stop < 0 ? Math.min(text.length, after + 20) : after + stop;
    const title = text.slice(after, titleEnd);
    const ends = text[titleEnd] ?? '';
    const bodyStart = stop >= 0 && stop <= 24 ? titleEnd + ('。：:'.includes(ends) ? 1 : 0) : after;
    const part = classifyOverview(title, allowed);
    subs.push({ start, bodyStart, written: w.slice(start, titleEnd).trim(), halfWidth: m[3] === '(' || m[5] === ')', numbered: true, ...(part ? { part } : {}) });
  }
  // Sub-headings written as a short line of their own without a number (「主动公开工作情况」).
  let offset = 0;
  const starts = new Set(subs.map((s) => s.start));
  for (const [k, p] of paras.entries()) {
    if (subs.length >= MAX_SUBHEADINGS) break;
    if (p.length <= 20 && !/[。，；]/u.test(p) && !starts.has(offset)) {
      const part = classifyOverview(p, allowed);
      if (part) subs.push({ start: offset, bodyStart: offset + p.length, part, written: written[k]!, halfWidth: false, numbered: false });
    }
    offset += p.length + 1;
  }
  subs.sort((a, b) => a.start - b.start);

  const parts: Record<string, string> = {};
  const headings: { section: string; text: string }[] = [];
  const findings: Finding[] = [];
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { add } = {
    add(id: string, s: string) {
      const t = s.trim();
      if (t) parts[id] = parts[id] ? `${parts[id]}\n${t}` : t;
    }
  };
  const firstKnown = subs.find((s) => s.part)?.part ?? 'overview.proactive';
  const intro = w.slice(0, subs[0]?.start ?? text.length).trim();
  // A report that puts its opening statement (legal basis, period, contact) under 一 keeps it as the preamble.
  const asPreamble = introIsPreamble && /统计|条例|联系/u.test(text.slice(0, subs[0]?.start ?? text.length));
  // The text before the first sub-heading is 一's lead paragraph (overview.lead, printed before （一）). When 一 has
  // no sub-heading at all, its text is the whole of 一 written as running prose, not a lead in front of parts: it
  // stays with the first part (（一）主动公开 unless a word says otherwise), as before, so that the required part
  // holds the text and the optional lead is not given all of it.
  const introPart = subs.length > 0 && allowed.has('overview.lead') ? 'overview.lead' : firstKnown;
  if (!asPreamble) add(introPart, intro);
  let prev: string | undefined;
  subs.forEach((s, i) => {
    const body = w.slice(s.bodyStart, subs[i + 1]?.start ?? text.length);
    const target = s.part ?? prev ?? subs.slice(i + 1).find((x) => x.part)?.part ?? firstKnown;
    // An unknown sub-part keeps its own heading in the text, since no part's heading will stand for it.
    add(target, s.part ? body : w.slice(s.start, subs[i + 1]?.start ?? text.length));
    headings.push({ section: s.part ?? 'overview.*', text: s.written });
    if (s.part) {
      const official = defs.find((d) => d.id === s.part)?.heading;
      if (official && (s.halfWidth || !s.numbered)) findings.push(finding('structure.heading', IMPORT_MESSAGES.subHeadingNumbering(s.written, official)));
      prev = s.part;
    }
  });
  return { parts, headings, findings, ...(asPreamble ? { preamble: intro } : {}) };
}

const MEASURES = ['改进措施', '改进情况', '下一步', '针对', '今后', '将采取', '整改', '解决办法', '工作打算', '努力方向', '改进方向'];

/** 五 → problems.issues and problems.measures, split at the first sentence that opens with a word of measures. */
export function splitProblems(paras: readonly string[], written = paras): Record<string, string> {
  const text = paras.join('\n');
  const w = written === paras ? text : written.join('\n');
  const re = /(^|[\n。；！？])[ \t\u3000]*/gu;
  let m: RegExpExecArray | null;
  let at = -1;
  while ((m = re.exec(text)) !== null) {
    const s = m.index + m[0].length;
    if (s > 0 && s < text.length) {
      const head = text.slice(s, s + 16);
      if (MEASURES.some((w) => head.includes(w))) {
        at = s;
        break;
      }
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  const issues = (at < 0 ? w : w.slice(0, at)).trim();
  const measures = at < 0 ? '' : w.slice(at).trim();
  return { ...(issues ? { 'problems.issues': issues } : {}), ...(measures ? { 'problems.measures': measures } : {}) };
}

const FEES = /信息处理费|处理费/u;
const PROPOSALS = /建议|提案|人大代表|政协委员/u;

/** 六 → other.fees (信息处理费), other.proposals (建议、提案), other.misc (the rest), sentence by sentence. */
export function splitOther(paras: readonly string[], format: FormatId, written = paras): Record<string, string> {
  const out: Record<string, string[]> = {};
  const feesId = narrativeParts(format).some((p) => p.id === 'other.fees') ? 'other.fees' : 'other.misc';
  for (const [k, p] of paras.entries()) {
    // Offsets are needed only to cut the sentences from a written form that differs (Traditional).
    const found = written === paras ? (p.match(/[^。！？]+[。！？]?/gu) ?? [p]).map((s) => ({ s, at: 0 })) : [...p.matchAll(/[^。！？]+[。！？]?/gu)].map((m) => ({ s: m[0], at: m.index }));
    const sentences = found.length ? found : [{ s: p, at: 0 }];
    let cls: string | undefined;
    const acc: Record<string, string> = {};
    for (const { s, at } of sentences) {
      const c = FEES.test(s) ? feesId : PROPOSALS.test(s) ? 'other.proposals' : cls ?? 'other.misc';
      // The sentence as written: same offsets in the written paragraph.
      acc[c] = (acc[c] ?? '') + (written === paras ? s : written[k]!.slice(at, at + s.length));
      cls = c;
    }
    for (const [id, s] of Object.entries(acc)) (out[id] ??= []).push(s.trim());
  }
  return Object.fromEntries(Object.entries(out).map(([id, list]) => [id, list.filter(Boolean).join('\n')]).filter(([, t]) => t));
}
