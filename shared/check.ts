/** The full rule set on one draft, and the merging of findings met on the way (e.g. while importing). */
import type { Draft } from './draft.js';
import { checkNarrative } from './narrative/index.js';
import type { Finding, RuleId } from './rules/catalogue.js';
import { checkTables, type CheckOptions } from './rules/evaluate.js';

export interface DraftCheckOptions extends CheckOptions {
  /**
   * Cells whose value a spreadsheet formula computes (a workbook's totals). The clerk typed nothing there, so a
   * cell finding about one (「…填写“#VALUE!”」, 「…为空，请填 0」) would ask for the wrong thing: the cause is in its
   * parts, which carry their own findings. The sums that read these cells still run.
   */
  readonly computed?: ReadonlySet<string>;
}

/** Cell findings: about what was typed into one cell. */
const CELL_RULES: ReadonlySet<string> = new Set(['cell.blank', 'cell.not-a-count', 'cell.not-a-number', 'cell.unit'] satisfies RuleId[]);

/** Tables (format, structure, cells, sums, carry, plausibility) and narrative: what an authoring tool runs before export. */
export function checkDraft(draft: Draft, options: DraftCheckOptions = {}): Finding[] {
  const tables = checkTables(draft, options);
  const { computed } = options;
  const kept = computed?.size ? tables.filter((f) => !(CELL_RULES.has(f.rule) && f.cells.every((c) => computed.has(c)))) : tables;
  return [...kept, ...checkNarrative(draft)];
}

/**
 * `first` (e.g. the importer's findings) followed by those of `later` that say something new. A later finding is
 * dropped when an earlier one of the same rule already names all its cells (or, without cells, says the same), and
 * a cell.blank is dropped on a cell that an earlier finding names (the importer left it out and said why; 「为空」
 * on top of that is noise).
 */
export function mergeFindings(first: readonly Finding[], later: readonly Finding[]): Finding[] {
  const named = new Set(first.flatMap((f) => f.cells));
  const cellsByRule = new Map<string, Set<string>>();
  const messages = new Set<string>();
  for (const f of first) {
    if (!f.cells.length) messages.add(`${f.rule}\u0000${f.message}`);
    let set = cellsByRule.get(f.rule);
    if (!set) cellsByRule.set(f.rule, (set = new Set()));
    for (const c of f.cells) set.add(c);
  }
  const said = (f: Finding) => {
    if (!f.cells.length) return messages.has(`${f.rule}\u0000${f.message}`);
    const set = cellsByRule.get(f.rule);
    return !!set && f.cells.every((c) => set.has(c));
  };
  return [...first, ...later.filter((f) => !said(f) && !(f.rule === 'cell.blank' && named.has(f.cells[0]!)))];
}
