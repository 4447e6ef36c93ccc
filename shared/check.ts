/** The full rule set on one draft, and the merging of findings met on the way (e.g. while importing). */
import type { Draft } from './draft.js';
import { FORMAT_IDS, FORMATS, type TableId } from './formats/index.js';
import { MESSAGES } from './messages.js';
import { checkNarrative } from './narrative/index.js';
import type { Finding } from './rules/catalogue.js';
import { checkTables, type CheckOptions } from './rules/evaluate.js';

/** Tables (format, structure, cells, sums, carry, plausibility) and narrative: what an authoring tool runs before export. */
export function checkDraft(draft: Draft, options: CheckOptions = {}): Finding[] {
  return [...checkTables(draft, options), ...checkNarrative(draft)];
}

/**
 * `first` (e.g. the importer's findings) followed by those of `later` that say something new. A later finding is
 * dropped when an earlier one of the same rule already names all its cells (or, without cells, says the same), and
 * a cell.blank is dropped on a cell that an earlier finding names (the importer left it out and said why; 「为空」
 * on top of that is noise). A table that an earlier structure.unreadable-table names (found, not read) is not
 * 「缺少」 as well: one cause, one finding.
 */
export function mergeFindings(first: readonly Finding[], later: readonly Finding[]): Finding[] {
  const cellsByRule = new Map<string, Set<string>>();
  const messages = new Set<string>();
  for (const f of first) {
    if (!f.cells.length) messages.add(`${f.rule}\u0000${f.message}`);
    let set = cellsByRule.get(f.rule);
    if (!set) cellsByRule.set(f.rule, (set = new Set()));
    for (const c of f.cells) set.add(c);
    if (f.rule === 'structure.unreadable-table' && f.cells.length) {
      const table = f.cells[0]!.split('.')[0] as TableId;
      for (const id of FORMAT_IDS) if (FORMATS[id][table]) messages.add(`structure.missing-table\u0000${MESSAGES.missingTable(FORMATS[id][table].title)}`);
    }
  }
  // Every cell an earlier finding names: built only when a later cell.blank asks (most merges have none).
  let named: Set<string> | undefined;
  const isNamed = (id: string) => {
    if (!named) {
      named = new Set();
      for (const set of cellsByRule.values()) for (const c of set) named.add(c);
    }
    return named.has(id);
  };
  const said = (f: Finding) => {
    if (!f.cells.length) return messages.has(`${f.rule}\u0000${f.message}`);
    const set = cellsByRule.get(f.rule);
    return !!set && f.cells.every((c) => set.has(c));
  };
  return [...first, ...later.filter((f) => !said(f) && !(f.rule === 'cell.blank' && isNamed(f.cells[0]!)))];
}
