/** narrative.figure: the numbers a part states, compared with the cells they describe. */
import { isCount, parseCell } from '../cells.js';
import type { Draft } from '../draft.js';
import { catalogue, type FormatId } from '../formats/index.js';
import { NARRATIVE_MESSAGES as M } from '../messages.js';
import { finding, type Finding } from '../rules/catalogue.js';
import { FIGURE_PATTERNS, SCOPE_WORDS, type FigurePattern, type Reading } from './patterns.js';
import { clauseStart, excerpt, flatten, parseNumber, sentenceEnd } from './text.js';

export interface Statement {
  readonly pattern: string;
  readonly value: number;
  /** The clause that states it, flattened. */
  readonly quote: string;
  readonly readings: readonly Reading[];
  readonly hints: readonly { readonly cells: Reading; readonly describes: string }[];
  /** A word before the figure that narrows its scope (「代表」「政府办」…). */
  readonly scope?: string;
}

interface Compiled {
  readonly p: FigurePattern;
  readonly re: RegExp;
  readonly items: readonly { readonly re: RegExp; readonly readings: FigurePattern['readings']; readonly hints: Statement['hints'] }[];
}

let compiledPatterns: readonly Compiled[] | undefined;
function patterns(): readonly Compiled[] {
  return (compiledPatterns ??= FIGURE_PATTERNS.map((p) => ({
    p, re: new RegExp(p.re, 'gu'),
    items: (p.items ?? []).map((i) => ({ re: new RegExp(i.re, 'u'), readings: i.readings, hints: i.hints ?? [] })),
  })));
}

/** Every figure the text states that a pattern recognises, with the cells it describes. */
export function statedFigures(text: string, format: FormatId): Statement[] {
  const flat = flatten(text);
  const out: Statement[] = [];
  for (const { p, re, items } of patterns()) {
    if (p.formats && !p.formats.includes(format)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(flat); m; m = re.exec(flat)) {
      const what = m.groups?.what ?? '';
      const start = clauseStart(flat, m.index);
      const left = flat.slice(start, m.index);
      if (p.skip?.test(what + left)) continue;
      const value = p.zero ? 0 : parseNumber(m.groups?.n ?? '');
      const readings = p.readings(format, what);
      if (value === undefined || !readings) continue;
      const end = m.index + m[0].length;
      const scope = SCOPE_WORDS.test(left + what) ? excerpt(left.replace(/^\d{4}年(?:度)?/u, '') || what, 20) : undefined;
      const base = { pattern: p.id, hints: p.hints?.(format) ?? [], ...(scope ? { scope } : {}) };
      out.push({ ...base, value, quote: excerpt(flat.slice(start, end), 60), readings });
      if (!items.length) continue;
      let stop = sentenceEnd(flat, end);
      const other = p.itemsStop?.exec(flat.slice(end, stop));
      if (other) stop = end + other.index;
      const region = flat.slice(end, stop);
      for (const item of items) {
        const im = item.re.exec(region);
        const n = im ? parseNumber(im.groups?.n ?? '') : undefined;
        if (!im || n === undefined) continue;
        out.push({ ...base, hints: item.hints, value: n, quote: excerpt(`${flat.slice(start, end)}…${im[0]}`, 60), readings: item.readings(format, '') ?? [] });
      }
    }
  }
  return out;
}

/** The number a count cell holds, or undefined when blank, absent or not a count. */
export function countOf(draft: Pick<Draft, 'cells'>, id: string): number | undefined {
  const raw = draft.cells[id];
  if (raw === undefined) return undefined;
  const v = parseCell(raw);
  return isCount(v) ? v.value : undefined;
}

function sumOf(draft: Pick<Draft, 'cells'>, cells: Reading): { sum: number; parts: number[] } | undefined {
  const parts: number[] = [];
  for (const id of cells) {
    const v = countOf(draft, id);
    if (v === undefined) return undefined;
    parts.push(v);
  }
  return { sum: parts.reduce((a, b) => a + b, 0), parts };
}

/** How a message names a sum of cells: one label, two or three joined, or the first and the count. */
export function describeCells(format: FormatId, cells: Reading): string {
  const labels = cells.map((id) => `“${catalogue(format).byId.get(id)?.label ?? id}”`);
  if (labels.length === 1) return labels[0]!;
  if (labels.length <= 3) return `${labels.join('与')}之和`;
  return `${labels[0]}至${labels[labels.length - 1]}等 ${labels.length} 格之和`;
}

/** A narrative.figure finding for a statement the tables contradict; undefined when it agrees or cannot be judged. */
export function compareStatement(s: Statement, draft: Pick<Draft, 'cells'>, format: FormatId, part: string): Finding | undefined {
  let first: { cells: Reading; sum: number } | undefined;
  for (const cells of s.readings) {
    const r = sumOf(draft, cells);
    if (!r) continue;
    if (r.sum === s.value) return undefined;
    first ??= { cells, sum: r.sum };
  }
  if (!first) return undefined;
  let message = M.figure(part, s.quote, s.value, describeCells(format, first.cells), first.sum);
  for (const h of s.hints) {
    const r = sumOf(draft, h.cells);
    if (r && r.sum === s.value) {
      message += M.figureHint(s.value, M.hints[h.describes] ?? h.describes, r.parts);
      break;
    }
  }
  if (s.scope) message += M.figureScope(s.scope);
  return finding('narrative.figure', message, first.cells, { expected: first.sum, actual: s.value });
}

/** Claims of handling applications (「积极受理和回复政府信息公开申请」, 「均按时答复」, 「办结率100%」). */
const HANDLING_CLAIM =
  /(?:积极|认真|及时|依法|规范|高效)(?:受理|办理|答复|回复|处理)(?:和|、|并|及|与)?(?:受理|办理|答复|回复|处理)?[^，。；,;]{0,10}?申请|申请[^，。；,;]{0,8}?(?:均|全部)(?:已|按时|在法定期限内)*(?:予以)?(?:答复|办结)|(?:答复率|办结率)(?:达到?|为)?100%/u;

/** With no application at all, a part that boasts of handling them. */
export function claimWithoutApplications(text: string, draft: Pick<Draft, 'cells'>, part: string): Finding | undefined {
  const received = sumOf(draft, ['t3.new.total', 't3.carried.total']);
  if (!received || received.sum !== 0) return undefined;
  const flat = flatten(text);
  const m = HANDLING_CLAIM.exec(flat);
  if (!m) return undefined;
  return finding('narrative.figure', M.claimWithoutApplications(part, excerpt(m[0], 40)), ['t3.new.total', 't3.carried.total']);
}
