/** The full rule set on one draft, and the merging of findings met on the way (e.g. while importing). */
import type { Draft } from './draft.js';
import { FORMAT_IDS, FORMATS, type TableId } from './formats/index.js';
import { MESSAGES } from './messages.js';
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
  // Methods, not named arrows: the build and tsx keep names (esbuild keepNames), which costs a defineProperty for every
  // named arrow made per call (≈0.4 µs each, on every report); a method's name needs none.
  const { isNamed, said } = {
    isNamed(id: string) {
      if (!named) {
        named = new Set();
        for (const set of cellsByRule.values()) for (const c of set) named.add(c);
      }
      return named.has(id);
    },
    said(f: Finding) {
      if (!f.cells.length) return messages.has(`${f.rule}\u0000${f.message}`);
      const set = cellsByRule.get(f.rule);
      return !!set && f.cells.every((c) => set.has(c));
    }
  };
  return [...first, ...later.filter((f) => !said(f) && !(f.rule === 'cell.blank' && isNamed(f.cells[0]!)))];
}
