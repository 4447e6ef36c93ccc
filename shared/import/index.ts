/** The importer: published reports (text, HTML, .docx) → drafts. Pure TypeScript, runs in Node and browsers. */
export { importReport, type ImportInput, type ImportResult, type ImportedHeading } from './import.js';
export type { InputKind } from './input.js';
