/**
 * The finished report as an ordered outline (title, preamble, six sections, signature), read from the format data.
 * The Markdown, HTML and .docx renderers all draw this one outline, so they cannot disagree on order or headings.
 */
import { draftFormat, type Draft } from '../draft.js';
import { FORMATS, narrativeParts, type FormatId, type SectionDef, type TableId } from '../formats/index.js';

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
  readonly title: string;
  readonly preamble: ReportPart;
  readonly sections: readonly ReportSection[];
  readonly signature: { readonly agency: string; readonly date?: string };
}

export interface ReportOptions {
  /** Signature date; default the draft's `updatedAt` (when set), printed as 「2025年1月20日」 (China time). */
  readonly date?: Date;
}

/** Printed in place of a part the clerk has not answered, so a reader sees the gap. */
export const UNANSWERED = '（未填写）';

const TABLE_OF: Partial<Record<SectionDef['id'], TableId>> = { proactive: 't2', requests: 't3', review: 't4' };

/** 「2025年1月20日」 in China Standard Time (UTC+8, no daylight saving). */
export function chineseDate(d: Date): string {
  const cst = new Date(d.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}年${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日`;
}

export function reportTitle(draft: Pick<Draft, 'agency' | 'year'>): string {
  return `${draft.agency.name.trim()}${draft.year}年政府信息公开工作年度报告`;
}

/** Splits answered text into paragraphs: one per non-empty line, surrounding spaces (incl. U+3000) trimmed. */
export function paragraphsOf(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n|\r/).map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '')).filter((l) => l !== '');
}

function signatureDate(draft: Draft, options: ReportOptions): string | undefined {
  if (options.date) return chineseDate(options.date);
  if (!draft.updatedAt) return undefined;
  const d = new Date(draft.updatedAt);
  // emptyDraft() stamps the epoch: that is "never saved", not a date to sign with.
  return Number.isNaN(d.getTime()) || d.getTime() === 0 ? undefined : chineseDate(d);
}

export function reportModel(draft: Draft, options: ReportOptions = {}): ReportModel {
  const format = draftFormat(draft);
  if (!format) throw new RangeError(`${draft.year} 年度没有适用的年报格式`);
  const def = FORMATS[format];
  const parts = narrativeParts(format, draft.agency.level ?? 'department');
  const part = (id: string, heading: string | undefined): ReportPart => ({
    id, ...(heading ? { heading } : {}), paragraphs: paragraphsOf(draft.narrative[id]),
  });
  const preambleDef = parts.find((p) => p.section === 'preamble');
  const sections = def.sections.map((s): ReportSection => {
    const table = TABLE_OF[s.id];
    if (table) return { id: s.id, heading: s.heading, kind: 'table', table };
    return {
      id: s.id, heading: s.heading, kind: 'narrative',
      parts: parts.filter((p) => p.section === s.id).map((p) => part(p.id, p.heading)),
    };
  });
  const date = signatureDate(draft, options);
  return {
    format,
    title: reportTitle(draft),
    preamble: part(preambleDef?.id ?? 'preamble', undefined),
    sections,
    signature: { agency: draft.agency.name.trim(), ...(date ? { date } : {}) },
  };
}
