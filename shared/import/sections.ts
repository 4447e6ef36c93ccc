/**
 * The six section headings (一、总体情况 … 六、其他需要报告的事项) found in the text as written: at a line start or
 * inline (crawled pages run everything together), with real variants — 「6、」 numbering, typos, older wordings —
 * matched by similarity and reported as `structure.heading`.
 */
import { SECTIONS } from '../formats/common.js';
import type { SectionDef } from '../formats/types.js';
import { bigrams, compact, isSpace, sharedBigrams } from './normalize.js';

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

/** Smallest edit distance between `a` and any prefix of `s` (and which prefix). */
function prefixDistance(a: string, s: string): { d: number; len: number } {
  let prev = Array.from({ length: s.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= s.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === s[j - 1] ? 0 : 1));
    prev = cur;
  }
  let best = { d: Infinity, len: 0 };
  prev.forEach((d, j) => {
    if (d < best.d || (d === best.d && j > best.len && j <= a.length)) best = { d, len: j };
  });
  return best;
}

/** Compacted characters from `from` to the end of the line, with their offsets. */
function window(text: string, from: number, max: number): { s: string; pos: number[] } {
  let s = '';
  const pos: number[] = [];
  for (let i = from; i < text.length && s.length < max; i++) {
    const ch = text[i]!;
    if (ch === '\n') break;
    if (isSpace(ch)) continue;
    s += compact(ch);
    pos.push(i);
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
  WORDINGS[k]!.forEach((w, alt) => {
    const win = window(text, from, w.text.length + 3);
    if (!win.s || sharedBigrams(bigrams(win.s), w.grams) < w.grams.size * 0.4) return;
    const { d, len } = prefixDistance(w.text, win.s);
    const tol = Math.max(1, Math.floor(w.text.length * 0.2));
    if (d <= tol && len > 0 && (!best || d < best.d)) best = { end: win.pos[len - 1]! + 1, d, alt };
  });
  return best;
}

/** First characters a heading line without its number may start with. */
const FIRST = WORDINGS.map((ws) => new Set(ws.map((w) => w.text[0])));

/** Headings in order; a heading not found is left out (the next one is searched after the last found). */
export function findSections(text: string): SectionHit[] {
  const hits: SectionHit[] = [];
  let from = 0;
  SECTIONS.forEach((s, k) => {
    const numeral = NUMERALS[k]!;
    const arabic = String(k + 1);
    let found: SectionHit | undefined;
    let atLineStart = from === 0 || text[from - 1] === '\n';
    for (let i = from; i < text.length && !found; i++) {
      const ch = text[i]!;
      if (ch === '\n') {
        atLineStart = true;
        continue;
      }
      if (isSpace(ch)) continue;
      const first = atLineStart;
      atLineStart = false;
      let bodyFrom = -1;
      if (ch === numeral || (ch === arabic && first && !/\d/.test(text[i + 1] ?? ''))) {
        const sep = text[i + 1];
        if (sep === undefined || !SEPARATORS.has(sep)) continue;
        // 「统一、」「进一步」: a numeral right after a letter of running text is not a heading number, unless the
        // text before ends a sentence or a table (crawled pages: 「…69件。一、」「…1200000五、」).
        const prev = text[i - 1];
        if (!first && prev !== undefined && /[\u4e00-\u9fff]/.test(prev)) continue;
        bodyFrom = i + 2;
      } else if (first && FIRST[k]!.has(compact(ch))) {
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
    }
    if (found) {
      hits.push(found);
      from = found.end;
    }
  });
  return hits;
}
