/**
 * A published report (text, HTML or .docx) → the draft of SPEC §7, the narrative split by part, and the findings
 * met while reading it. Never throws; time grows linearly with the input.
 */
import type { Draft } from '../draft.js';
import { DRAFT_SCHEMA_ID } from '../draft-format.js';
import { FIRST_SUPPORTED_YEAR, FORMATS, formatIdForYear, type FormatId, type TableId } from '../formats/index.js';
import { IMPORT_MESSAGES, MESSAGES } from '../messages.js';
import { finding, type Finding } from '../rules/catalogue.js';
import { readInput, type InputKind, type InputRead } from './input.js';
import { pairOf, trailingSignature } from './agency.js';
import { agencyLevel, readAgencyName, readContact, readPageTitle, readTitle, readYear } from './meta.js';
import { paragraphs, splitOther, splitOverview, splitProblems } from './narrative.js';
import { preprocess } from './preprocess.js';
import { findSections, type SectionHit, type SectionId } from './sections.js';
import { readTables } from './tables.js';
import { templateNote } from './template-note.js';
import { forMatching, toSimplified } from './traditional.js';
import { tokenize, type Token } from './tokens.js';
import { vocab } from './vocab.js';

export interface ImportInput {
  /** File name, used only as a hint of the kind (.html, .docx). */
  readonly name?: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
  /** Report year to assume instead of the one in the title. */
  readonly year?: number;
  /** The web page's <title> (or a document's title property) when the reader has one: a source of year and agency. */
  readonly title?: string;
  /** The input already read to text by an asynchronous reader (PDF, .doc, web page: see document.ts). */
  readonly extracted?: InputRead;
}

export interface ImportedHeading {
  /**
   * Section id (`overview` … `other`) for 一–六; for a sub-heading of 一 the part it was read as
   * (`overview.requests` …), or `overview.*` when it names no part of the format.
   */
  readonly section: string;
  /** The heading as written. */
  readonly text: string;
}

export interface ImportResult {
  readonly draft: Draft;
  readonly findings: Finding[];
  readonly headings: ImportedHeading[];
  /** What the input was read as. */
  readonly kind: InputKind;
  /** Set when the input could not be read at all (not a text, web page or .docx): why, in Chinese. */
  readonly unreadable?: string;
}

const MAX_PART = 200_000;
/** A table's text is never this long; beyond it is not read (bounded time on junk). */
const MAX_TABLE = 200_000;

const TABLE_OF: Partial<Record<SectionId, TableId>> = { proactive: 't2', requests: 't3', review: 't4' };
/** Where a table starts when its section heading is missing. */
const TABLE_ANCHOR: Record<TableId, RegExp> = {
  t2: /第\s*二\s*十\s*条/u,
  t3: /（本列数据的勾稽关系|本年新收政府信息公开申请数量/u,
  t4: /未经复议直接起诉/u,
};

interface Span {
  start: number;
  end: number;
}

/** Body spans of the six sections (after the heading, up to the next found one); missing tables by anchor. */
function spans(text: string, hits: readonly SectionHit[], titleEnd: number): Partial<Record<SectionId, Span>> {
  const out: Partial<Record<SectionId, Span>> = {};
  const starts: { id: SectionId; start: number; body: number }[] = hits.map((h) => ({ id: h.id, start: h.start, body: h.end }));
  for (const id of ['proactive', 'requests', 'review'] as const) {
    if (starts.some((s) => s.id === id)) continue;
    const m = TABLE_ANCHOR[TABLE_OF[id]!].exec(text.slice(titleEnd));
    if (!m) continue;
    const at = titleEnd + m.index;
    if (starts.some((s) => s.start <= at && s.body > at)) continue;
    starts.push({ id, start: at, body: at });
  }
  starts.sort((a, b) => a.start - b.start);
  starts.forEach((s, i) => (out[s.id] = { start: s.body, end: starts[i + 1]?.start ?? text.length }));
  return out;
}

function evidence(tokens: readonly (readonly Token[])[]): Record<FormatId, number> {
  const e: Record<FormatId, number> = { '2019': 0, '2021': 0 };
  for (const list of tokens) {
    for (const t of list) if (t.t === 'anchor' && t.entry.sole !== undefined) e[t.entry.sole]++;
  }
  return e;
}

function chooseFormat(year: number | undefined, e: Record<FormatId, number>): FormatId {
  const wanted = year === undefined ? undefined : formatIdForYear(year);
  const byEvidence: FormatId = e['2019'] > e['2021'] ? '2019' : '2021';
  if (!wanted) return byEvidence;
  const other: FormatId = wanted === '2019' ? '2021' : '2019';
  return e[other] > 0 && e[wanted] === 0 ? other : wanted;
}

const clip = (s: string) => (s.length > MAX_PART ? s.slice(0, MAX_PART) : s);

function run(input: ImportInput): ImportResult {
  const findings: Finding[] = [];
  const givenYear = Number.isInteger(input.year) && input.year! >= 1949 && input.year! <= 9999 ? input.year : undefined;
  const read = readInput(input);
  if (!read.ok) {
    const year = givenYear ?? 2021;
    const why = IMPORT_MESSAGES.unreadableReasons[read.reason] ?? read.reason;
    findings.push(finding('structure.missing-table', IMPORT_MESSAGES.unreadable(why)));
    const format = formatIdForYear(year) ?? '2021';
    for (const t of ['t2', 't3', 't4'] as const) findings.push(finding('structure.missing-table', MESSAGES.missingTable(FORMATS[format][t].title)));
    return { draft: { schema: DRAFT_SCHEMA_ID, year, format, agency: { name: '' }, cells: {}, narrative: {} }, findings, headings: [], kind: read.kind, unreadable: why };
  }
  const { text: written, layout } = preprocess(read.text);
  // Headings, labels, the title and the name are matched in Simplified Chinese; what the draft keeps is as written.
  const { text, converted } = forMatching(written);
  const pair = pairOf(text, written);
  const hits = findSections(text);
  const limit = hits[0]?.start ?? Math.min(text.length, 4000);
  const title = readTitle(pair, limit);
  const pageTitle = input.title ?? read.title;
  const page = pageTitle ? readPageTitle(pairOf(toSimplified(pageTitle), pageTitle)) : {};
  const span = spans(text, hits, title.end);

  const tokens: Partial<Record<TableId, Token[]>> = {};
  for (const [section, table] of Object.entries(TABLE_OF) as [SectionId, TableId][]) {
    const s = span[section];
    tokens[table] = s ? tokenize(text.slice(s.start, Math.min(s.end, s.start + MAX_TABLE)), vocab(table)) : [];
  }
  const e = evidence(Object.values(tokens));
  const stated = readYear(text, title, page, span.overview && text.slice(span.overview.start, span.overview.end));
  let year = givenYear ?? stated?.year;
  const format = chooseFormat(year, e);
  if (year === undefined) {
    // Never silently: the year is the last one of the format the tables are written in, and the finding says so.
    year = FORMATS[format].years.to ?? FORMATS[format].years.from;
    findings.push(finding('meta.year', IMPORT_MESSAGES.noYear(year, format)));
  } else if (givenYear === undefined && stated && stated.source !== 'title') {
    findings.push(finding('meta.year', IMPORT_MESSAGES.yearFrom(IMPORT_MESSAGES.yearSources[stated.source] ?? stated.source, year)));
  } else if (givenYear !== undefined && !stated) findings.push(finding('meta.year', IMPORT_MESSAGES.yearGiven(year)));
  if (!title.title) findings.push(finding('structure.heading', IMPORT_MESSAGES.noTitle()));

  // Headings as written.
  const headings: ImportedHeading[] = [];
  for (const h of hits) {
    const as = converted ? written.slice(h.start, h.end).trim() : h.written;
    headings.push({ section: h.id, text: as });
    if (!h.exact) findings.push(finding('structure.heading', IMPORT_MESSAGES.heading(as, h.official)));
  }
  const note = templateNote(pair);
  if (note) findings.push(finding('text.artifact', IMPORT_MESSAGES.templateNote(note)));
  for (const s of FORMATS[format].sections) {
    if (!hits.some((h) => h.id === s.id)) findings.push(finding('structure.heading', IMPORT_MESSAGES.headingMissing(s.heading)));
  }

  // Format of the year, and the tables.
  if (year < FIRST_SUPPORTED_YEAR) findings.push(finding('format.unsupported-year', MESSAGES.unsupportedYear(year)));
  const wanted = formatIdForYear(year);
  if (wanted && wanted !== format) findings.push(finding('format.year-mismatch', MESSAGES.yearMismatch(year, wanted, format)));
  const tables = readTables(tokens, format);
  findings.push(...tables.findings);
  const foreign = tables.foreignCells;
  if (!findings.some((f) => f.rule === 'format.mixed')) {
    if (foreign.length) findings.push(finding('format.mixed', MESSAGES.mixedCells(format, foreign), foreign));
    else if (tables.foreignLabels.length && e[format] > 0) findings.push(finding('format.mixed', IMPORT_MESSAGES.mixedLabels(format, tables.foreignLabels)));
  }

  // Narrative.
  const agency = readAgencyName(pair, title, page, limit);
  const name = agency?.name ?? '';
  if (!agency) findings.push(finding('meta.agency', IMPORT_MESSAGES.noAgency()));
  const level = agencyLevel(converted ? toSimplified(name) : name) ?? 'department';
  const narrative: Record<string, string> = {};
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { put } = {
    put(parts: Record<string, string>) {
      for (const [id, t] of Object.entries(parts)) if (t.trim()) narrative[id] = clip(t.trim());
    }
  };
  /** Paragraphs of a slice as matched, and the same paragraphs as written (same lengths). */
  const { paras } = {
    paras(s: Span) {
      const m = paragraphs(text.slice(s.start, s.end), layout);
      return { m, w: converted ? paragraphs(written.slice(s.start, s.end), layout) : m };
    }
  };
  const firstBody = Math.min(...Object.values(span).map((s) => s.start), text.length);
  const firstStart = Math.min(hits[0]?.start ?? text.length, firstBody);
  const pre = paras({ start: title.end, end: Math.max(title.end, firstStart) });
  const preM = pre.m.join('\n');
  let opening = { m: preM, w: converted ? pre.w.join('\n') : preM };
  if (span.overview) {
    const o = paras(span.overview);
    const split = splitOverview(o.m, format, level, !opening.m.trim(), o.w);
    if (split.preamble) opening = { m: converted ? toSimplified(split.preamble) : split.preamble, w: split.preamble };
    put(split.parts);
    findings.push(...split.findings);
    headings.splice(headings.findIndex((h) => h.section === 'overview') + 1, 0, ...split.headings);
  }
  // The 落款 at the end of the last section is the report's signature, not text of that section.
  const last = span.other ?? span.problems;
  let signature: Draft['signature'];
  const { lastParas } = {
    lastParas(s: Span) {
      const p = paras(s);
      if (s !== last) return p;
      const sig = trailingSignature(p.m, p.w);
      if (sig.keep === p.m.length) return p;
      if (sig.date || sig.agency) signature = { ...(sig.agency ? { agency: sig.agency } : {}), ...(sig.date ? { date: sig.date } : {}) };
      return { m: p.m.slice(0, sig.keep), w: p.w.slice(0, sig.keep) };
    }
  };
  if (span.problems) {
    const p = lastParas(span.problems);
    put(splitProblems(p.m, p.w));
  }
  if (span.other) {
    const p = lastParas(span.other);
    put(splitOther(p.m, format, p.w));
  }
  put({ preamble: opening.w });

  const draft: Draft = {
    schema: DRAFT_SCHEMA_ID, year, format,
    agency: { name, ...readContact(opening.m === opening.w ? pairOf(opening.m) : opening), level },
    cells: tables.cells, narrative,
  };
  if (signature) {
    // the signing agency is kept only where it says more than the name the report was read under
    if (signature.agency === name) delete signature.agency;
    if (signature.agency || signature.date) draft.signature = signature;
  }
  return { draft, findings, headings, kind: read.kind };
}

/** Reads a published report. Bad input gives findings (structure.*, format.*), never an exception. */
export function importReport(input: ImportInput): ImportResult {
  try {
    return run(input);
  } catch (e) {
    const year = input.year ?? 2021;
    return {
      draft: { schema: DRAFT_SCHEMA_ID, year, agency: { name: '' }, cells: {}, narrative: {} },
      findings: [finding('structure.missing-table', IMPORT_MESSAGES.unreadable((e as Error).message))],
      headings: [],
      kind: 'text',
      unreadable: (e as Error).message,
    };
  }
}

