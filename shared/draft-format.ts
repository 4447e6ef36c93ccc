/** The parts of the draft document that need no schema library, so browser bundles (the Excel task pane) stay small. */
import { formatIdForYear, type FormatId } from './formats/index.js';

export const DRAFT_SCHEMA_ID = 'nianbao.draft/1';

/** The format the draft's tables are in: as declared, else as the year calls for. */
export function draftFormat(d: { readonly year: number; readonly format?: FormatId | undefined }): FormatId | undefined {
  return d.format ?? formatIdForYear(d.year);
}
