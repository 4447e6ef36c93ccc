/**
 * The report as Markdown for the chat preview. Until the core's full report renderer (shared/render/report.ts)
 * lands, the narrative under the official headings plus the lead's table renderer.
 */
import { draftFormat, FORMATS, narrativeParts, type Draft } from '../../shared/index.js';
import { renderTablesMarkdown } from '../../shared/render/tables.js';

const TABLE_OF_SECTION: Record<string, 't2' | 't3' | 't4'> = { proactive: 't2', requests: 't3', review: 't4' };

export function previewMarkdown(draft: Draft): string {
  const format = draftFormat(draft)!;
  const parts = narrativeParts(format, draft.agency.level ?? 'department');
  const text = (id: string) => draft.narrative[id]?.trim() || '*（未填写）*';
  const out = [`# ${draft.agency.name}${draft.year}年政府信息公开工作年度报告`];
  for (const p of parts.filter((x) => x.section === 'preamble')) out.push(text(p.id));
  for (const s of FORMATS[format].sections) {
    out.push(`## ${s.heading}`);
    const table = TABLE_OF_SECTION[s.id];
    if (table) out.push(renderTablesMarkdown(draft, { tables: [table], headings: false }));
    for (const p of parts.filter((x) => x.section === s.id)) out.push(p.heading ? `### ${p.heading}\n\n${text(p.id)}` : text(p.id));
  }
  return out.join('\n\n');
}
