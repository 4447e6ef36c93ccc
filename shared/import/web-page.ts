/**
 * A web page as saved from a browser → the report's own text: the article body found by Readability (over the
 * light DOM of linkedom), not the page chrome around it (login links, search box, 无障碍, 长者模式, navigation,
 * footers with other figures), and the page title cleaned of its column and site names
 * (「××2020年度政府信息公开工作年度报告_栏目_网站名」) as the first line, where the importer looks for the title.
 * Loaded on demand (document.ts); the body then goes through html.ts like any HTML.
 */
import { htmlToText } from './html.js';
import { decodeBytes, looksHtml } from './input.js';

/** A whole page (not a fragment): a document element or a head with a title. */
const WHOLE_PAGE = /<(?:!doctype\s+html|html\b|head\b|title\b)/iu;

/** Page chrome: navigation, forms, or links in numbers (a report's own body has few). */
const CHROME_TAG = /<(?:nav|header|footer|aside|form|input|button|select)\b/iu;
const LINK = /<a\s[^>]{0,500}href/giu;

function hasChrome(html: string): boolean {
  if (CHROME_TAG.test(html)) return true;
  LINK.lastIndex = 0;
  let n = 0;
  while (LINK.exec(html) !== null) if (++n >= 5) return true;
  return false;
}

/**
 * The page's HTML when the input is a whole web page with chrome around the report; undefined for anything else
 * (an HTML fragment, or a page that is only the report, is read by html.ts directly: much faster, same text).
 */
export function savedPage(input: { name?: string; text?: string; bytes?: Uint8Array }): string | undefined {
  const text = input.text ?? (input.bytes ? decodeBytes(input.bytes) : undefined);
  if (text === undefined || !looksHtml(text, input.name)) return undefined;
  return WHOLE_PAGE.test(text.slice(0, 65_536)) && hasChrome(text) ? text : undefined;
}

/** Separators sites put between a page's title, its column and the site's name. */
const TITLE_PARTS = /\s*(?:[_|｜]|\s[-–—]\s|——)\s*/u;

/** The report's title out of a page title: the part naming a report, else the longest part. */
export function cleanTitle(raw: string): string {
  const parts = raw.replace(/\s+/g, ' ').trim().split(TITLE_PARTS).map((p) => p.trim()).filter(Boolean);
  return parts.find((p) => /年度报告|工作报告|年报/u.test(p)) ?? parts.sort((a, b) => b.length - a.length)[0] ?? '';
}

const squash = (s: string) => s.replace(/\s+/g, '');

export async function webPageText(html: string): Promise<string> {
  const { parseHTML } = await import('linkedom');
  const { Readability } = await import('@mozilla/readability');
  // Scripts and styles are never the report: not parsed at all.
  const { document } = parseHTML(html.replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/giu, ''));
  const h1 = document.querySelector('h1')?.textContent ?? '';
  const title = cleanTitle(/年度报告/u.test(h1) ? h1 : document.title || h1);
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  // Readability found no article, or left the tables out: the whole page (chrome included) loses no figure.
  const tables = (s: string) => (s.match(/<table\b/giu) ?? []).length;
  const kept = article?.content && tables(article.content) >= Math.min(1, tables(html));
  const body = kept ? htmlToText(article.content!) : htmlToText(html);
  // The title as the first line, unless the article already opens with it.
  const first = body.split('\n').find((l) => l.trim()) ?? '';
  return title && squash(first) !== squash(title) ? `${title}\n${body}` : body;
}
