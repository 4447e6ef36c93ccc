/**
 * The narrative checks of SPEC §6 on a draft: narrative.figure, narrative.missing-part, narrative.empty,
 * narrative.fees, text.artifact, meta.contact, meta.period, meta.date. Pure functions, no I/O: the CLI runs them on
 * imported reports, the bot on a clerk's answers, one part at a time.
 */
import { draftFormat } from '../draft-format.js';
import type { Draft } from '../draft.js';
import { FORMATS, narrativeParts, type FormatId, type NarrativePartDef } from '../formats/index.js';
import { NARRATIVE_MESSAGES as M } from '../messages.js';
import type { Finding } from '../rules/catalogue.js';
import { artifactFindings } from './artifacts.js';
import { claimWithoutApplications, compareStatement, statedFigures } from './figures.js';
import { contactFindings, dateFindings, periodFindings, signatureDateFindings } from './meta.js';
import { answerFindings, feesFindings, missingParts, problemsFindings } from './parts.js';
import { hasContent } from './text.js';

export { statedFigures, type Statement } from './figures.js';
export { isNone, lackingParts, MIN_ANSWER_CHARS } from './parts.js';
export { signatureDateFindings, signatureWindow } from './meta.js';

export interface NarrativeOptions {
  /** Only the checks that concern these part ids (the bot checking one answer in context). */
  readonly parts?: readonly string[];
}

/** How messages name a part: 「一、总体情况（二）依申请公开」, 「五、存在的主要问题及改进情况（存在的问题）」. */
export function partName(id: string, format: FormatId | undefined): string {
  const def = format ? FORMATS[format].narrative.find((p) => p.id === id) : undefined;
  const section = def && FORMATS[format!].sections.find((s) => s.id === def.section);
  return M.part(id, section?.heading, def?.heading);
}

function figureFindings(id: string, text: string, draft: Draft, format: FormatId): Finding[] {
  const name = partName(id, format);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const s of statedFigures(text, format)) {
    const f = compareStatement(s, draft, format, name);
    if (f && !seen.has(f.message)) {
      seen.add(f.message);
      out.push(f);
    }
  }
  const claim = claimWithoutApplications(text, draft, name);
  if (claim) out.push(claim);
  return out;
}

/** Part ids of the draft in report order: the format's parts first, then any others. */
function orderedParts(draft: Draft, defs: readonly NarrativePartDef[]): string[] {
  const known = defs.map((p) => p.id);
  return [...known.filter((id) => id in draft.narrative), ...Object.keys(draft.narrative).filter((id) => !known.includes(id))];
}

const joined = (draft: Draft, ids: readonly string[]) => ids.map((id) => draft.narrative[id] ?? '').filter(Boolean).join('\n');

/**
 * Every narrative finding of a draft. A draft without any narrative text (tables only: a workbook, a draft just
 * started) gives none: the parts are asked for one by one through checkAnswer.
 */
export function checkNarrative(draft: Draft, options: NarrativeOptions = {}): Finding[] {
  if (!Object.values(draft.narrative).some(hasContent)) return [];
  const inScope = (id: string) => !options.parts || options.parts.includes(id);
  const format = draftFormat(draft);
  const defs = format ? narrativeParts(format, draft.agency.level ?? 'department') : [];
  const ids = orderedParts(draft, defs);
  const out: Finding[] = [];
  if (inScope('preamble')) {
    const all = joined(draft, ids);
    out.push(...contactFindings(draft.agency, all), ...periodFindings(draft.year, all));
  }
  out.push(...missingParts(defs.filter((p) => inScope(p.id)), draft.narrative));
  for (const id of ids) {
    const text = draft.narrative[id] ?? '';
    if (!inScope(id) || !hasContent(text)) continue;
    out.push(...artifactFindings(text, partName(id, format)));
    if (format && !id.startsWith('problems.')) out.push(...figureFindings(id, text, draft, format));
  }
  const problems = defs.filter((p) => p.section === 'problems').map((p) => p.id);
  if (problems.some(inScope)) out.push(...problemsFindings(joined(draft, problems)));
  const other = defs.filter((p) => p.section === 'other').map((p) => p.id);
  if (defs.some((p) => p.id === 'other.fees' && p.required) && other.some(inScope)) out.push(...feesFindings(joined(draft, other)));
  if (draft.signature?.date) {
    if (!options.parts) out.push(...signatureDateFindings(draft.year, draft.signature.date));
  } else {
    const last = [...ids].reverse().find((id) => hasContent(draft.narrative[id] ?? ''));
    if (last && inScope(last)) out.push(...dateFindings(draft.year, draft.narrative[last]!));
  }
  return out;
}

/**
 * The findings on one answer of a clerk (the bot): empty, 「无」 where the part may not be none, too short,
 * pasted web-page metadata, figures the tables of `draft` contradict, and for the preamble the contact and period.
 * Unknown part ids give no findings.
 */
export function checkAnswer(partId: string, text: string, draft: Draft): Finding[] {
  const format = draftFormat(draft);
  const def = format ? narrativeParts(format, draft.agency.level ?? 'department').find((p) => p.id === partId) : undefined;
  if (!def) return [];
  const name = partName(partId, format);
  const out = answerFindings(def, text, name);
  if (partId === 'preamble') out.push(...contactFindings(draft.agency, text), ...periodFindings(draft.year, text));
  if (!hasContent(text)) return out;
  out.push(...artifactFindings(text, name));
  if (def.section !== 'problems') out.push(...figureFindings(partId, text, draft, format!));
  return out;
}
