/**
 * Markdown as PDF converters and OCR tools write it → the plain text the importer reads: heading marks, emphasis,
 * HTML comments (page-break markers) and table rule rows taken out; pipe table rows kept as they are (the tokenizer
 * reads pipes, `||` made an empty cell); a `<br>` inside a table cell joins the cell's lines (a label spilled over two lines), elsewhere it is
 * a line end. One pass per line, linear in the input.
 */

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HEADING = /^[ \t]{0,3}#{1,6}[ \t]+/;
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/;
const RULE_ROW = /^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$/;
const EMPHASIS = /\*\*|__/g;
const BREAK = /<br[ \t]*\/?>/gi;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|])/g;

function line(l: string): string | null {
  if (RULE_ROW.test(l)) return null;
  let s = l;
  if (s.includes('#') && HEADING.test(s)) s = s.replace(HEADING, '').replace(CLOSING_HASHES, '');
  if (s.includes('**') || s.includes('__')) s = s.replace(EMPHASIS, '');
  if (s.includes('<')) s = s.replace(BREAK, s.trimStart().startsWith('|') ? '' : '\n');
  // An escaped pipe is text in a cell, not a separator: written as a full-width slash-free bar would split it.
  if (s.includes('\\')) s = s.replace(ESCAPE, (_, c: string) => (c === '|' ? '/' : c));
  if (s.trimStart().startsWith('>')) s = s.replace(/^[ \t]*>[ \t]?/, '');
  // In a Markdown table `||` is an empty cell (there are no group breaks in Markdown): written `| |` for the
  // tokenizer, which reads a bare `||` in crawled text as a group break.
  if (s.includes('||') && s.trimStart().startsWith('|')) s = s.replace(/\|(?=\|)/g, '| ');
  return s;
}

export function markdownToText(md: string): string {
  const text = md.includes('<!--') ? md.replace(COMMENT, '') : md;
  const out: string[] = [];
  for (const l of text.split('\n')) {
    const r = line(l);
    if (r !== null) out.push(r);
  }
  return out.join('\n');
}

/** A Markdown file: named so, or a pipe table with its rule row together with `#` headings near the top. */
export function looksMarkdown(text: string, name: string | undefined): 'named' | 'looks' | 'no' {
  if (name && /\.(?:md|markdown)$/iu.test(name)) return 'named';
  if (name && /\.\w+$/u.test(name)) return 'no';
  const head = text.slice(0, 65_536);
  return head.includes('#') && /^#{1,6}[ \t]/m.test(head) && /^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+/m.test(head) ? 'looks' : 'no';
}
