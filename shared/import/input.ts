/**
 * Input bytes or text → plain text: .docx by its zip magic, HTML by its tags, Markdown by its name (or headings and
 * a pipe table), else text (UTF-8, UTF-16 or GB18030). PDF, Word 97–2003 and saved web pages are read by
 * asynchronous readers first (document.ts), which hand their text in as `extracted`.
 */
import { isZip, readDocx } from './docx.js';
import { htmlTitle, htmlToText } from './html.js';
import { looksMarkdown, markdownToText } from './markdown.js';

export type InputKind = 'text' | 'html' | 'docx' | 'markdown' | 'pdf' | 'doc';

export type InputRead =
  | { readonly ok: true; readonly kind: InputKind; readonly text: string; readonly title?: string }
  | { readonly ok: false; readonly kind: InputKind; readonly reason: string };

export function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

/** Control characters (other than tab, newline, form feed, CR) or replacement characters: not a text file. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/u;

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  // One regex scan rules out the usual text with none at all; only then are they counted.
  if (!sample || !CONTROL.test(sample)) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > sample.length * 0.05;
}

const HTML_TAG = /<(?:html|body|table|tr|td|th|p|div|br|span|h[1-6])\b[^>]{0,500}>/giu;

export function looksHtml(text: string, name: string | undefined): boolean {
  if (name && /\.x?html?$/iu.test(name)) return true;
  const head = text.slice(0, 65_536);
  if (!head.includes('<')) return false;
  if (/^\s*<(?:!doctype\s+html|html)\b/iu.test(head)) return true;
  let n = 0;
  HTML_TAG.lastIndex = 0;
  while (HTML_TAG.exec(head) !== null) if (++n >= 5) return true;
  return false;
}

export function readInput(input: { name?: string; text?: string; bytes?: Uint8Array; extracted?: InputRead }): InputRead {
  if (input.extracted) return input.extracted;
  const { name } = input;
  if (input.bytes && (isZip(input.bytes) || (name && /\.docx$/iu.test(name)))) {
    const r = readDocx(input.bytes);
    return r.ok ? { ok: true, kind: 'docx', text: r.text } : { ok: false, kind: 'docx', reason: r.reason };
  }
  const text = input.text ?? (input.bytes ? decodeBytes(input.bytes) : '');
  if (looksBinary(text)) return { ok: false, kind: 'text', reason: 'binary' };
  // A Markdown file may hold a few tags (<br>, comments): its name decides before the tag count.
  const md = looksMarkdown(text, name);
  if (md !== 'no' && (md === 'named' || !looksHtml(text, name))) return { ok: true, kind: 'markdown', text: markdownToText(text) };
  if (looksHtml(text, name)) {
    const title = htmlTitle(text);
    return { ok: true, kind: 'html', text: htmlToText(text), ...(title ? { title } : {}) };
  }
  return { ok: true, kind: 'text', text };
}
