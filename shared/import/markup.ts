/**
 * A small tolerant reader for HTML and XML: a flat stream of open tags, close tags and text, in one linear pass.
 * Malformed markup never throws; whatever cannot be read as a tag is text.
 */

export type MarkupEvent =
  | { readonly type: 'open'; readonly name: string; readonly attrs: Readonly<Record<string, string>>; readonly selfClosing: boolean }
  | { readonly type: 'close'; readonly name: string }
  | { readonly type: 'text'; readonly text: string };

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', times: '×',
  yen: '¥', copy: '©', reg: '®', shy: '',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s)) !== null) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * An open tag. Its attributes are parsed only when read: the HTML reader never reads them and the .docx reader
 * reads them on one element, while parsing them for every tag was most of the time spent on a web page.
 */
class OpenTag {
  readonly type = 'open';
  #body: string;
  #attrs: Record<string, string> | undefined;
  constructor(readonly name: string, body: string, readonly selfClosing: boolean) {
    this.#body = body;
  }
  get attrs(): Readonly<Record<string, string>> {
    return (this.#attrs ??= parseAttrs(this.#body));
  }
}

/** A tag name character: ASCII letter, digit, 「:」「_」「-」. */
function isNameCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45;
}

/** `s` has an ASCII capital (only then is a lower-case copy made). */
function hasCapital(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** Elements whose content is not text to read. */
const RAW_TEXT = new Set(['script', 'style', 'template', 'noscript', 'title', 'xml']);

/**
 * Calls `on` for every event. `lowerNames`: HTML tag names are case-insensitive; XML keeps them (w:tc).
 */
export function readMarkup(src: string, on: (e: MarkupEvent) => void, lowerNames = true): void {
  const n = src.length;
  let i = 0;
  let textStart = 0;
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { flush } = {
    flush(end: number) {
      if (end > textStart) on({ type: 'text', text: decodeEntities(src.slice(textStart, end)) });
    }
  };
  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt < 0) break;
    const next = src[lt + 1];
    if (next === '!' || next === '?') {
      flush(lt);
      let end: number;
      if (src.startsWith('<!--', lt)) end = src.indexOf('-->', lt + 4), end = end < 0 ? n : end + 3;
      else if (src.startsWith('<![CDATA[', lt)) {
        const close = src.indexOf(']]>', lt + 9);
        on({ type: 'text', text: src.slice(lt + 9, close < 0 ? n : close) });
        end = close < 0 ? n : close + 3;
      } else end = src.indexOf('>', lt), end = end < 0 ? n : end + 1;
      i = textStart = end;
      continue;
    }
    const closing = next === '/';
    const nameStart = lt + (closing ? 2 : 1);
    let j = nameStart;
    while (j < n && isNameCode(src.charCodeAt(j))) j++;
    if (j === nameStart) {
      i = lt + 1; // a lone '<' is text
      continue;
    }
    const gt = src.indexOf('>', j);
    if (gt < 0) break;
    flush(lt);
    const rawName = src.slice(nameStart, j);
    const name = lowerNames && hasCapital(rawName) ? rawName.toLowerCase() : rawName;
    i = textStart = gt + 1;
    if (closing) {
      on({ type: 'close', name });
      continue;
    }
    const body = src.slice(j, gt);
    const selfClosing = body.endsWith('/');
    on(new OpenTag(name, selfClosing ? body.slice(0, -1) : body, selfClosing));
    if (lowerNames && !selfClosing && RAW_TEXT.has(name)) {
      const re = new RegExp(`</${name}\\s*>`, 'ig');
      re.lastIndex = i;
      const m = re.exec(src);
      const end = m ? m.index : n;
      i = textStart = m ? end + m[0].length : n;
      on({ type: 'close', name });
    }
  }
  flush(n);
}
