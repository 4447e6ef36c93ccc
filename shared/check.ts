/** The full rule set on one draft, and the merging of findings met on the way (e.g. while importing). */
import type { Draft } from './draft.js';
import { checkNarrative } from './narrative/index.js';
import type { Finding } from './rules/catalogue.js';
import { checkTables, type CheckOptions } from './rules/evaluate.js';

/** Tables (format, structure, cells, sums, carry, plausibility) and narrative: what an authoring tool runs before export. */
export function checkDraft(draft: Draft, options: CheckOptions = {}): Finding[] {
  return [...checkTables(draft, options), ...checkNarrative(draft)];
}

const keyOf = (f: Finding) => `${f.rule}\u0000${f.cells.length ? [...f.cells].sort().join(',') : f.message}`;

/**
 * `first` (e.g. the importer's findings) followed by those of `later` that say something new: a finding already made
 * is dropped, and so is a cell.blank on a cell that an earlier finding already names (the importer left it out and
 * said why; 「为空」 on top of that is noise).
 */
export function mergeFindings(first: readonly Finding[], later: readonly Finding[]): Finding[] {
  const seen = new Set(first.map(keyOf));
  const named = new Set(first.flatMap((f) => f.cells));
  return [...first, ...later.filter((f) => !seen.has(keyOf(f)) && !(f.rule === 'cell.blank' && named.has(f.cells[0]!)))];
}
