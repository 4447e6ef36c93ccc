/**
 * The complete report (title, preamble, six sections with the official headings, the three tables in the official
 * layout, signature) as Markdown and as HTML. Pure: no I/O, runs in a browser. User text is always escaped.
 */
import type { Draft } from '../draft.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { DRAFT_MARK, reportModel, UNANSWERED, type ReportOptions, type ReportPart } from './model.js';
import { renderTablesHtml, renderTablesMarkdown } from './tables.js';

export { DATE_PENDING, DRAFT_MARK, noneSentence, reportModel, reportTitle, chineseDate, isoToChinese, UNANSWERED, type ReportModel, type ReportOptions, type ReportPart, type ReportSection } from './model.js';

/** Escapes clerk text for Markdown (the one escaper of shared/render/escape.ts). */
export const escapeMarkdownText = escapeMarkdown;

function partMarkdown(p: ReportPart, level: string): string {
  const head = p.heading ? `${level} ${p.heading}\n\n` : '';
  const body = p.paragraphs.length ? p.paragraphs.map(escapeMarkdownText).join('\n\n') : `*${UNANSWERED}*`;
  return head + body;
}

export function renderReportMarkdown(draft: Draft, options: ReportOptions = {}): string {
  const m = reportModel(draft, options);
  const out: string[] = [
    ...(m.draft ? [`> **${DRAFT_MARK}**`] : []), `# ${escapeMarkdownText(m.title)}`, partMarkdown(m.preamble, ''),
  ];
  for (const s of m.sections) {
    out.push(`## ${s.heading}`);
    if (s.kind === 'table') out.push(renderTablesMarkdown(draft, { tables: [s.table], headings: false }));
    else out.push(...s.parts.map((p) => partMarkdown(p, '###')));
  }
  out.push([escapeMarkdownText(m.signature.agency), m.signature.date].filter(Boolean).join('  \n'));
  if (m.draft) out.push(`> **${DRAFT_MARK}**`);
  return out.join('\n\n') + '\n';
}

export interface HtmlReportOptions extends ReportOptions {
  /** Only the `<article>` (for embedding in a page), not a whole document. */
  readonly fragment?: boolean;
}

/** Print styles: A4, 宋体 body, 黑体 headings, ruled tables. */
export const REPORT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
.nb-report { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt; line-height: 1.6; max-width: 156mm; margin: 0 auto; color: #000; }
.nb-report h1 { font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 1em; }
.nb-report h2, .nb-report h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.2em; }
.nb-report h3 { font-family: "KaiTi", "楷体", "Noto Serif CJK SC", serif; }
.nb-report p { text-indent: 2em; margin: 0; }
.nb-report .nb-unanswered { color: #a00; }
.nb-report .nb-draft { color: #c00000; font-weight: bold; text-align: center; text-indent: 0; border: 2px solid #c00000; padding: 2px; }
@media print { .nb-report .nb-draft { position: fixed; top: 8mm; left: 0; right: 0; } }
.nb-report .nb-signature { text-align: right; margin-top: 2em; }
.nb-report .nb-signature p { text-indent: 0; }
.nb-report table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.3; margin: 0.4em 0 0.8em; page-break-inside: auto; }
.nb-report th, .nb-report td { border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle; font-weight: normal; }
.nb-report td.nb-label { text-align: left; }
.nb-report .nb-error { background: #fde2e2; }
.nb-report .nb-warning { background: #fff3cd; }
`.trim();

function partHtml(p: ReportPart): string {
  const head = p.heading ? `<h3>${escapeHtml(p.heading)}</h3>\n` : '';
  const body = p.paragraphs.length
    ? p.paragraphs.map((t) => `<p>${escapeHtml(t)}</p>`).join('\n')
    : `<p class="nb-unanswered" data-part="${escapeHtml(p.id)}">${UNANSWERED}</p>`;
  return head + body;
}

export function renderReportHtml(draft: Draft, options: HtmlReportOptions = {}): string {
  const m = reportModel(draft, options);
  // A draft is marked at the top (and, printed, on every page: a fixed element repeats on each).
  const body: string[] = [...(m.draft ? [`<p class="nb-draft">${DRAFT_MARK}</p>`] : []), `<h1>${escapeHtml(m.title)}</h1>`, partHtml(m.preamble)];
  for (const s of m.sections) {
    body.push(`<section data-section="${s.id}">\n<h2>${escapeHtml(s.heading)}</h2>`);
    if (s.kind === 'table') body.push(renderTablesHtml(draft, { tables: [s.table], headings: false }));
    else body.push(...s.parts.map(partHtml));
    body.push('</section>');
  }
  body.push(`<div class="nb-signature"><p>${escapeHtml(m.signature.agency)}</p>${m.signature.date ? `<p>${m.signature.date}</p>` : ''}</div>`);
  const article = `<article class="nb-report">\n${body.join('\n')}\n</article>`;
  if (options.fragment) return article;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(m.title)}${m.draft ? '（草稿）' : ''}</title>
<style>
${REPORT_CSS}
</style>
</head>
<body>
${article}
</body>
</html>
`;
}
