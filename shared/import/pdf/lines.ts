/**
 * Positioned text items of PDF pages → fragments (runs of items close enough to be one cell's text) → lines (items
 * on one baseline), top to bottom; page numbers and running heads taken out. Pure geometry.
 */
import { PAGE_NUMBER_FORMS } from '../preprocess.js';

export interface PdfTextItem {
  readonly str: string;
  /** Left edge and baseline, in page units with y growing downwards. */
  readonly x: number;
  readonly y: number;
  /** Advance width (height for vertical text) and font size. */
  readonly w: number;
  readonly size: number;
  /** Written top to bottom (a CJK vertical font): occupies [y, y + w] and [x, x + size]. */
  readonly vertical: boolean;
}

export interface PdfPageText {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfTextItem[];
}

export interface Frag {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  value: boolean;
}

export interface Line {
  page: number;
  frags: Frag[];
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  size: number;
}

/** A figure or a placeholder for none: what a value column holds. */
export const VALUE = /^(?:[+\-−－]?[0-9０-９][0-9０-９,，.．]*%?|[/／—–-]{1,3}|无)$/u;
/** A label that opens a row or group: 「一、」「（一）」「1.」「1、」「(1)」「第二十条」. */
export const ENUMERATOR = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}\s*[.、．]|第[一二三四五六七八九十]+条)/u;
/** A page number in a page's margin: the printed forms (preprocess.ts), and there also a bare «3», «3/6», «-3». */
const PAGE_NUMBER = new RegExp(String.raw`^(?:${PAGE_NUMBER_FORMS}|\d{1,4}(?:\s*\/\s*\d{1,4})?|[-－—–]?\s*\d{1,4}\s*[-－—–]?)$`, 'u');
export const ASCII_WORD = /[A-Za-z0-9]/;

const isDigit = (c: string) => (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
const isDash = (c: string) => c === '/' || c === '／' || c === '—' || c === '–' || c === '-';
const Scan = { Start: 0, Sign: 1, SignOrDash: 2, Dash1: 3, Dash2: 4, Dash3: 5, Number: 6, Percent: 7, None: 8, Dead: 9 } as const;
type Scan = (typeof Scan)[keyof typeof Scan];
const ACCEPTS: ReadonlySet<Scan> = new Set([Scan.SignOrDash, Scan.Dash1, Scan.Dash2, Scan.Dash3, Scan.Number, Scan.Percent, Scan.None]);

/**
 * Whether a fragment's text is a VALUE, decided as its text grows, a character at a time: testing the regex on the
 * whole text after every item read each text again (V8 flattens the string it tests), and a page of 20,000 runs at
 * one place took 10 s. The same language as VALUE (test/import/pdf-layout.test.ts checks them against each other).
 */
class ValueScan {
  private state: Scan = Scan.Start;

  feed(s: string): this {
    for (let i = 0; i < s.length && this.state !== Scan.Dead; i++) this.state = ValueScan.step(this.state, s[i]!);
    return this;
  }

  get value(): boolean {
    return ACCEPTS.has(this.state);
  }

  private static step(state: Scan, c: string): Scan {
    switch (state) {
      case Scan.Start:
        if (c === '-') return Scan.SignOrDash; // 「-」 alone is a placeholder; before a digit, a sign
        if (c === '+' || c === '−' || c === '－') return Scan.Sign;
        if (isDigit(c)) return Scan.Number;
        if (isDash(c)) return Scan.Dash1;
        return c === '无' ? Scan.None : Scan.Dead;
      case Scan.Sign:
        return isDigit(c) ? Scan.Number : Scan.Dead;
      case Scan.SignOrDash:
        return isDigit(c) ? Scan.Number : isDash(c) ? Scan.Dash2 : Scan.Dead;
      case Scan.Dash1:
        return isDash(c) ? Scan.Dash2 : Scan.Dead;
      case Scan.Dash2:
        return isDash(c) ? Scan.Dash3 : Scan.Dead;
      case Scan.Number:
        return isDigit(c) || c === ',' || c === '，' || c === '.' || c === '．' ? Scan.Number : c === '%' ? Scan.Percent : Scan.Dead;
      default:
        return Scan.Dead;
    }
  }
}

/** VALUE.test(s), by the scanner fragments use (for the test that they agree). */
export const scansAsValue = (s: string) => new ValueScan().feed(s).value;

export const lineText = (l: Line) => l.frags.map((f) => f.text).join('\t');
export const isValueLine = (l: Line) => l.frags.some((f) => f.value) && (l.frags.length > 1 || l.frags[0]!.value);
export const overlapsX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }, slack = 0) => a.x0 < b.x1 + slack && b.x0 < a.x1 + slack;

export function append(a: string, b: string): string {
  return a && b && ASCII_WORD.test(a[a.length - 1]!) && ASCII_WORD.test(b[0]!) ? `${a} ${b}` : a + b;
}

/** Items on one baseline → fragments: runs of items close enough to be one cell's text. */
function fragmentsOf(items: readonly PdfTextItem[]): Frag[] {
  const frags: Frag[] = [];
  let cur: Frag | undefined;
  let scan = new ValueScan();
  let lastChar = ''; // cur.text's last character, kept apart: reading it off the growing text would flatten it
  let lastWasValue = false;
  for (const it of [...items].sort((a, b) => a.x - b.x)) {
    const text = it.str.replace(/\s+/gu, ' ').trim();
    if (!text) continue;
    const value = VALUE.test(text);
    const x1 = it.x + (it.vertical ? it.size : it.w);
    const top = it.vertical ? it.y : it.y - it.size * 0.85;
    const bottom = it.vertical ? it.y + it.w : it.y + it.size * 0.15;
    if (cur) {
      const gap = it.x - cur.x1;
      // Figures of neighbouring cells may be only a cell's padding apart: between two figures a gap splits.
      const limit = value && lastWasValue ? 0.12 : 0.8;
      if (!it.vertical && gap < limit * Math.max(cur.size, it.size)) {
        const space = gap > 0.25 * it.size && ASCII_WORD.test(lastChar) && ASCII_WORD.test(text[0]!);
        cur.text = space ? `${cur.text} ${text}` : cur.text + text;
        cur.x1 = Math.max(cur.x1, x1);
        cur.top = Math.min(cur.top, top);
        cur.bottom = Math.max(cur.bottom, bottom);
        cur.size = Math.max(cur.size, it.size);
        cur.value = scan.feed(space ? ` ${text}` : text).value;
        lastChar = text[text.length - 1]!;
        lastWasValue = value;
        continue;
      }
    }
    cur = { text, x0: it.x, x1, top, bottom, size: it.size, value };
    scan = new ValueScan().feed(text);
    lastChar = text[text.length - 1]!;
    frags.push(cur);
    lastWasValue = value;
  }
  return frags;
}

/** Items of a page → lines, top to bottom: items share a line when their baselines are within a third of a size. */
export function pageLines(page: PdfPageText, index: number): Line[] {
  const horizontal = page.items.filter((i) => !i.vertical && i.str.trim()).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  let base = -Infinity, size = 0;
  for (const it of horizontal) {
    if (groups.length && Math.abs(it.y - base) <= 0.35 * Math.max(size, it.size)) {
      groups[groups.length - 1]!.push(it);
      size = Math.max(size, it.size);
    } else {
      groups.push([it]);
      base = it.y;
      size = it.size;
    }
  }
  // Vertical text (a merged group label written downwards): consecutive pieces in one column are one fragment.
  const vertical = page.items.filter((i) => i.vertical && i.str.trim()).sort((a, b) => a.x - b.x || a.y - b.y);
  const columns: PdfTextItem[][] = [];
  for (const it of vertical) {
    const last = columns[columns.length - 1]?.at(-1);
    if (last && Math.abs(last.x - it.x) < 0.3 * it.size && it.y - (last.y + last.w) < it.size) columns[columns.length - 1]!.push(it);
    else columns.push([it]);
  }
  const lines: Line[] = [];
  for (const g of groups) {
    const frags = fragmentsOf(g);
    if (frags.length) lines.push(makeLine(index, frags));
  }
  for (const c of columns) {
    const text = c.map((i) => i.str.trim()).join('');
    const f: Frag = { text, x0: c[0]!.x, x1: c[0]!.x + c[0]!.size, top: c[0]!.y, bottom: c.at(-1)!.y + c.at(-1)!.w, size: c[0]!.size, value: false };
    // Written where its middle is: as a line of its own among the rows it spans.
    const mid = (f.top + f.bottom) / 2;
    lines.push({ ...makeLine(index, [f]), top: mid - f.size / 2, bottom: mid + f.size / 2 });
  }
  return lines.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function makeLine(page: number, frags: Frag[]): Line {
  return {
    page, frags,
    top: Math.min(...frags.map((f) => f.top)), bottom: Math.max(...frags.map((f) => f.bottom)),
    x0: frags[0]!.x0, x1: Math.max(...frags.map((f) => f.x1)), size: Math.max(...frags.map((f) => f.size)),
  };
}

/** A running head that is the report's title (a workbook of the tables prints it atop every page, and only there). */
const TITLE_HEAD = /(?:年度|工作)报告/u;

/**
 * Page numbers and running heads: short lines in the top or bottom margin, a page number or repeated on pages. A
 * running head naming the report is kept where it first stands: it may be the only title the file has.
 */
export function dropChrome(pages: readonly PdfPageText[], lines: Line[]): Line[] {
  const inMargin = (l: Line) => {
    const h = pages[l.page]!.height;
    return l.bottom < h * 0.1 || l.top > h * 0.88;
  };
  const key = (l: Line) => lineText(l).replace(/\d+/g, '#').replace(/\s+/g, '');
  const seen = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!inMargin(l)) continue;
    const k = key(l);
    if (!seen.has(k)) seen.set(k, new Set());
    seen.get(k)!.add(l.page);
  }
  const kept = new Set<string>();
  return lines.filter((l) => {
    if (!inMargin(l)) return true;
    const t = lineText(l).replace(/\s+/g, ' ').trim();
    if (PAGE_NUMBER.test(t)) return false;
    if (!(pages.length > 1 && seen.get(key(l))!.size >= 2 && t.length <= 60)) return true;
    if (!TITLE_HEAD.test(t) || kept.has(key(l))) return false;
    kept.add(key(l));
    return true;
  });
}

