/**
 * The finished report as an ordered outline (title, preamble, six sections, signature), read from the format data.
 * The Markdown, HTML and .docx renderers all draw this one outline, so they cannot disagree on order or headings.
 */
import { draftFormat, type Draft } from '../draft.js';
import { FORMATS, narrativeParts, type FormatId, type NarrativePartDef, type SectionDef, type TableId } from '../formats/index.js';
import { isNone } from '../narrative/parts.js';

export interface ReportPart {
  readonly id: string;
  /** The part's sub-heading, e.g. 「（一）主动公开」; absent for parts printed as plain paragraphs (五、六). */
  readonly heading?: string;
  /** The clerk's text split into paragraphs; empty when the part was not answered. */
  readonly paragraphs: readonly string[];
}

export type ReportSection =
  | { readonly id: SectionDef['id']; readonly heading: string; readonly kind: 'narrative'; readonly parts: readonly ReportPart[] }
  | { readonly id: SectionDef['id']; readonly heading: string; readonly kind: 'table'; readonly table: TableId };

export interface ReportModel {
  readonly format: FormatId;
  readonly draft: boolean;
  readonly title: string;
  readonly preamble: ReportPart;
  readonly sections: readonly ReportSection[];
  readonly signature: { readonly agency: string; readonly date?: string };
}

export interface ReportOptions {
  /**
   * Signature date when the draft has none of its own (`signature.date`), printed as 「2025年1月20日」 (China time).
   * Without either, no date is made up (not the day the draft was last saved): a draft prints 「（落款日期待定）」 in
   * the date line (`DATE_PENDING`), a report leaves the line out. The bot's 完成 always asks for the date first.
   */
  readonly date?: Date;
  /**
   * A draft for review, not for publishing: marked 「草稿」 (every page of a .docx, the top of HTML and Markdown) and
   * every unanswered part shown as 「（未填写）」. Otherwise an optional part left unanswered is left out.
   */
  readonly draft?: boolean;
}

/** The mark a draft carries on every page. */
export const DRAFT_MARK = '草稿 · 未定稿，不可发布';

/** Printed in place of a part the clerk has not answered, so a reader sees the gap. */
export const UNANSWERED = '（未填写）';

/** A draft's date line while it has no 落款 date of its own. */
export const DATE_PENDING = '（落款日期待定）';

const TABLE_OF: Partial<Record<SectionDef['id'], TableId>> = { proactive: 't2', requests: 't3', review: 't4' };

/** 「2025年1月20日」 in China Standard Time (UTC+8, no daylight saving). */
export function chineseDate(d: Date): string {
  const cst = new Date(d.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}年${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日`;
}

export function reportTitle(draft: Pick<Draft, 'agency' | 'year'>): string {
  return `${draft.agency.name.trim()}${draft.year}年政府信息公开工作年度报告`;
}

/** 「2021-01-31」 (the draft's `signature.date`) → 「2021年1月31日」; undefined when it is not such a date. */
export function isoToChinese(iso: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : undefined;
}

/** Splits answered text into paragraphs: one per non-empty line, surrounding spaces (incl. U+3000) trimmed. */
export function paragraphsOf(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n|\r/).map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '')).filter((l) => l !== '');
}

/** The 落款 date: the draft's own, else the caller's; never the draft's `updatedAt` (issue 9). */
function signatureDate(draft: Draft, options: ReportOptions): string | undefined {
  const own = isoToChinese(draft.signature?.date);
  if (own) return own;
  if (options.date && !Number.isNaN(options.date.getTime())) return chineseDate(options.date);
  return options.draft ? DATE_PENDING : undefined;
}

export function reportModel(draft: Draft, options: ReportOptions = {}): ReportModel {
  const format = draftFormat(draft);
  if (!format) throw new RangeError(`${draft.year} 年度没有适用的年报格式`);
  const def = FORMATS[format];
  const parts = narrativeParts(format, draft.agency.level ?? 'department');
  const draftMode = options.draft === true;
  const part = (p: Pick<NarrativePartDef, 'id' | 'heading'>): ReportPart => ({
    id: p.id, ...(p.heading ? { heading: p.heading } : {}), paragraphs: paragraphsOf(draft.narrative[p.id]),
  });
  const preambleDef = parts.find((p) => p.section === 'preamble');
  const sections = def.sections.map((s): ReportSection => {
    const table = TABLE_OF[s.id];
    if (table) return { id: s.id, heading: s.heading, kind: 'table', table };
    return { id: s.id, heading: s.heading, kind: 'narrative', parts: sectionParts(s, parts.filter((p) => p.section === s.id), draft, draftMode) };
  });
  const date = signatureDate(draft, options);
  return {
    format,
    title: reportTitle(draft),
    draft: draftMode,
    preamble: part({ id: preambleDef?.id ?? 'preamble' }),
    sections,
    signature: { agency: (draft.signature?.agency ?? draft.agency.name).trim(), ...(date ? { date } : {}) },
  };
}

/**
 * The parts of one narrative section as printed. A part answered 「无」 is not printed after a part with content
 * (no 「无」 trailing real text); a section whose every answer is 「无」 gets one standard sentence, once. An optional
 * part left unanswered is left out of a report (a draft shows it as 「（未填写）」).
 */
function sectionParts(s: SectionDef, defs: readonly NarrativePartDef[], draft: Draft, draftMode: boolean): ReportPart[] {
  const text = (id: string) => draft.narrative[id];
  const none = (id: string) => text(id) !== undefined && isNone(text(id)!);
  const answered = defs.filter((p) => text(p.id) !== undefined && paragraphsOf(text(p.id)).length > 0);
  const substantive = answered.filter((p) => !none(p.id));
  const out: ReportPart[] = [];
  if (answered.length && !substantive.length) {
    out.push({ id: answered[0]!.id, paragraphs: [noneSentence(s)] });
  }
  for (const p of defs) {
    if (none(p.id)) continue;
    const paragraphs = paragraphsOf(text(p.id));
    if (!paragraphs.length && !draftMode && !p.required) continue;
    out.push({ id: p.id, ...(p.heading ? { heading: p.heading } : {}), paragraphs });
  }
  return out;
}

/** 「本年度无其他需要报告的事项。」: the one sentence for a section with nothing to report. */
export function noneSentence(s: Pick<SectionDef, 'heading'>): string {
  return `本年度无${s.heading.replace(/^[一二三四五六七八九十]+、/u, '')}。`;
}
