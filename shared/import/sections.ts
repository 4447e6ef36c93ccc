/**
 * The six section headings (一、总体情况 … 六、其他需要报告的事项) found in the text as written: at a line start or
 * inline (crawled pages run everything together), with real variants — 「6、」 numbering, typos, older wordings —
 * matched by similarity and reported as `structure.heading`.
 */
import { SECTIONS } from '../formats/common.js';
import type { SectionDef } from '../formats/types.js';
import { prefixDistance } from './distance.js';
import { bigrams, compact, isSpaceCode, normalizeChars, sharedBigrams } from './normalize.js';

export type SectionId = SectionDef['id'];

export interface SectionHit {
  readonly id: SectionId;
  readonly index: number;
  /** Offsets in the text: the heading starts at `start`, its text ends at `end`. */
  readonly start: number;
  readonly end: number;
  readonly written: string;
  readonly official: string;
  readonly exact: boolean;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const SEPARATORS = new Set(['、', '.', '．', '，', ',', ' ', '\u3000', '\t', ':', '：']);

/** Wordings seen in real reports besides the official one (the official wording is first). */
const ALTERNATIVES: Readonly<Record<SectionId, readonly string[]>> = {
  overview: [],
  proactive: [],
  requests: [],
  review: ['因政府信息公开申请行政复议、提起行政诉讼的情况', '被申请行政复议、提起行政诉讼情况', '政府信息公开行政复议和行政诉讼情况'],
  problems: ['政府信息公开工作存在的主要问题及改进情况', '存在的主要问题及改进措施'],
  other: [],
};

interface Wording {
  readonly text: string;
  readonly grams: ReadonlySet<string>;
}

const WORDINGS: readonly (readonly Wording[])[] = SECTIONS.map((s) =>
  [s.heading.slice(s.heading.indexOf('、') + 1), ...ALTERNATIVES[s.id]].map((t) => ({ text: compact(t), grams: bigrams(compact(t)) })));

/** Compacted characters from `from` to the end of the line, with their offsets. */
function window(text: string, from: number, max: number): { s: string; pos: number[] } {
  const raw = normalizeChars(text.slice(from, from + max * 4));
  let s = '';
  const pos: number[] = [];
  for (let i = 0; i < raw.length && s.length < max; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) break;
    if (isSpaceCode(c)) continue;
    s += raw[i];
    pos.push(from + i);
  }
  return { s, pos };
}

interface BodyMatch {
  readonly end: number;
  readonly d: number;
  readonly alt: number;
}

function matchBody(text: string, from: number, k: number): BodyMatch | undefined {
  let best: BodyMatch | undefined;
  // Cheap test first: two of the wording's first four characters near the start.
  const near = text.slice(from, from + 16);
  WORDINGS[k]!.forEach((w, alt) => {
    let hits = 0;
    for (let c = 0; c < 4 && c < w.text.length; c++) if (near.includes(w.text[c]!)) hits++;
    if (hits < 2) return;
    const win = window(text, from, w.text.length + 3);
    if (!win.s || sharedBigrams(bigrams(win.s), w.grams) < w.grams.size * 0.4) return;
    const { d, len } = prefixDistance(w.text, win.s);
    const tol = Math.max(1, Math.floor(w.text.length * 0.2));
    if (d <= tol && len > 0 && (!best || d < best.d)) best = { end: win.pos[len - 1]! + 1, d, alt };
  });
  return best;
}

/** First characters a heading line without its number may start with. */
const FIRST = WORDINGS.map((ws) => new Set(ws.map((w) => w.text.charCodeAt(0))));

/** Offsets where a heading may start: each occurrence of `numeral`, and each line's first non-space character. */
function* candidates(text: string, from: number, numeral: string): Generator<{ i: number; first: boolean }> {
  let num = text.indexOf(numeral, from);
  /** First non-space character at or after `j` on its line (or the line's end). */
  const skip = (j: number) => {
    while (j < text.length && text.charCodeAt(j) !== 10 && isSpaceCode(text.charCodeAt(j))) j++;
    return j;
  };
  const lineFirst = (nl: number) => skip(nl + 1);
  let line: number;
  let lf: number;
  if (from === 0 || text[from - 1] === '\n') lf = skip(from);
  else {
    line = text.indexOf('\n', from);
    lf = line < 0 ? -1 : lineFirst(line);
  }
  while (num >= 0 || lf >= 0) {
    if (lf >= 0 && (num < 0 || lf <= num)) {
      if (lf < text.length && text.charCodeAt(lf) !== 10) yield { i: lf, first: true };
      if (num === lf) num = text.indexOf(numeral, num + 1);
      line = text.indexOf('\n', lf);
      lf = line < 0 ? -1 : lineFirst(line);
    } else {
      yield { i: num, first: false };
      num = text.indexOf(numeral, num + 1);
    }
  }
}

/** Headings in order; a heading not found is left out (the next one is searched after the last found). */
export function findSections(text: string): SectionHit[] {
  const hits: SectionHit[] = [];
  let from = 0;
  SECTIONS.forEach((s, k) => {
    const numeral = NUMERALS[k]!;
    const arabic = String(k + 1);
    let found: SectionHit | undefined;
    for (const { i, first } of candidates(text, from, numeral)) {
      const ch = text[i]!;
      let bodyFrom = -1;
      if (ch === numeral || (ch === arabic && first && !/\d/.test(text[i + 1] ?? ''))) {
        const sep = text[i + 1];
        if (sep === undefined || !SEPARATORS.has(sep)) continue;
        // 「统一、」「进一步」: a numeral right after a letter of running text is not a heading number, unless the
        // text before ends a sentence or a table (crawled pages: 「…69件。一、」「…1200000五、」).
        const prev = text[i - 1];
        if (!first && prev !== undefined && /[\u4e00-\u9fff]/.test(prev)) continue;
        bodyFrom = i + 2;
      } else if (first && FIRST[k]!.has(text.charCodeAt(i))) {
        bodyFrom = i; // a heading line without its number
      } else continue;
      const m = matchBody(text, bodyFrom, k);
      if (!m) continue;
      if (bodyFrom === i) {
        // Without a number the heading must be the whole line.
        const lineEnd = text.indexOf('\n', m.end);
        if (compact(text.slice(m.end, lineEnd < 0 ? text.length : lineEnd)).length > 2) continue;
      }
      const written = text.slice(i, m.end);
      const exact = compact(written) === compact(s.heading);
      found = { id: s.id, index: k, start: i, end: m.end, written: written.trim(), official: s.heading, exact };
      break;
    }
    if (found) {
      hits.push(found);
      from = found.end;
    }
  });
  return hits;
}
