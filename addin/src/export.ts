/** 「导出」: the sheet as a draft document (SPEC §7) and the three tables as HTML for pasting into the report. */
import { DRAFT_SCHEMA_ID } from '../../shared/draft-format.js';
import type { Draft } from '../../shared/draft.js';
import type { Finding } from '../../shared/rules/catalogue.js';
import { renderTablesHtml } from '../../shared/render/tables.js';
import type { SheetInfo } from './session.js';

/** Blank cells are left out of the draft (blank is not zero; the draft keeps what was typed). */
export function draftFromSheet(sheet: SheetInfo, cells: Readonly<Record<string, string>>, now = new Date()): Draft {
  const filled = Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== ''));
  return {
    schema: DRAFT_SCHEMA_ID, year: sheet.year, format: sheet.format, agency: { name: sheet.agency },
    cells: filled, narrative: {}, updatedAt: now.toISOString(),
  };
}

export function tablesHtml(draft: Draft, findings?: readonly Finding[]): string {
  return renderTablesHtml(draft, findings ? { findings } : {});
}

/** A complete HTML document around the tables, for download. */
export function htmlDocument(draft: Draft, body: string): string {
  const title = `${draft.agency.name}${draft.year}年政府信息公开工作年度报告表格`;
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, '')}</title>` +
    '<style>table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #000;padding:2px 6px;font-size:10.5pt}</style>' +
    `</head><body>${body}</body></html>\n`;
}

export function fileName(draft: Draft, ext: string): string {
  const agency = draft.agency.name.replace(/[\\/:*?"<>|\s]+/g, '') || '年报';
  return `${agency}-${draft.year}年度.${ext}`;
}
