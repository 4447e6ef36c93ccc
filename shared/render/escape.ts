/**
 * The one escaper for every markup output of the renderers. Text a clerk typed (cells, answers, agency names) must
 * print as typed: never become HTML (「<script>」) or Markdown structure (「**」「|」「# 」「1. 」).
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Escapes one line of text for Markdown. `&<>` become HTML entities (a Markdown renderer that passes raw HTML
 * through, as most do, then shows them as text, and a backslash before 「<」 is not honoured by every renderer);
 * the ASCII punctuation Markdown acts on is backslash-escaped, and a line that would start a list, quote or heading
 * is defused.
 */
export function escapeMarkdown(s: string): string {
  return escapeMarkdownInline(s)
    .replace(/^(\s*)([-+=])/u, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/u, '$1\\$2');
}

/** Inside a line (a table cell): entities and the inline punctuation, no line-start rules (「146.2」 stays). */
function escapeMarkdownInline(s: string): string {
  return s.replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!).replace(/[\\`*_{}[\]#|~!]/g, (c) => `\\${c}`);
}

/** Escapes text for a Markdown table cell: as any Markdown text, on one line. */
export function escapeMarkdownCell(s: string): string {
  return escapeMarkdownInline(s.replace(/\r?\n/g, ' '));
}
