/** The rules core: formats as data, cell parsing, drafts, checks, rendering. Pure TypeScript, no I/O. */
export * from './formats/index.js';
export * from './cells.js';
export { toHalfWidth, hasFullWidth, removeSpaces, isSpaceCode, type WidthScope } from './width.js';
export * from './draft.js';
export * from './rules/catalogue.js';
export { relations, type Relation, type RelationDecl, type Term, type Op } from './rules/relations.js';
export { checkTables, type CheckOptions } from './rules/evaluate.js';
export { MESSAGES } from './messages.js';
export { renderTablesHtml, renderTablesMarkdown, type TableRenderOptions, type TablesSource } from './render/tables.js';
export { escapeHtml } from './render/escape.js';
export { checkDraft, mergeFindings, type DraftCheckOptions } from './check.js';
export { checkNarrative, checkAnswer, partName, type NarrativeOptions } from './narrative/index.js';
export { importReport, type ImportInput, type ImportResult, type ImportedHeading, type InputKind } from './import/index.js';
