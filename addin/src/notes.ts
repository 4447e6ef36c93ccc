/** Cell notes for findings (ExcelApi 1.18): which note each cell should carry, and the diff against the sheet. */
import type { SheetPlan } from '../../shared/layout.js';
import type { Finding } from '../../shared/rules/catalogue.js';
import { PANE_TEXTS } from './texts.js';

/** Findings a note is written for: everything but blank cells (an empty sheet would otherwise be all notes). */
export const notedFinding = (f: Finding) => f.rule !== 'cell.blank';

/** Desired note text per cell address ('J7'): the messages of the findings whose first cell is there. */
export function desiredNotes(plan: Pick<SheetPlan, 'addressOf'>, findings: readonly Finding[]): Map<string, string> {
  const lines = new Map<string, string[]>();
  for (const f of findings) {
    if (!notedFinding(f)) continue;
    const a = f.cells[0] && plan.addressOf[f.cells[0]];
    if (!a) continue;
    (lines.get(a) ?? lines.set(a, []).get(a)!).push(f.message);
  }
  return new Map([...lines].map(([a, ls]) => [a, PANE_TEXTS.notePrefix + ls.map((l) => `\n• ${l}`).join('')]));
}

export interface NoteDiff { add: [string, string][]; update: [string, string][]; remove: string[] }

/** What to change so that our notes (`current`) become `desired`, never touching cells with the user's own notes. */
export function diffNotes(current: ReadonlyMap<string, string>, desired: ReadonlyMap<string, string>, userNoted: ReadonlySet<string>): NoteDiff {
  const diff: NoteDiff = { add: [], update: [], remove: [] };
  for (const [a, text] of desired) {
    if (userNoted.has(a)) continue;
    const now = current.get(a);
    if (now === undefined) diff.add.push([a, text]);
    else if (now !== text) diff.update.push([a, text]);
  }
  for (const a of current.keys()) if (!desired.has(a)) diff.remove.push(a);
  return diff;
}

export const isOurNote = (content: string) => content.startsWith(PANE_TEXTS.notePrefix);

/** "'年报表格'!J7" or "年报表格!$J$7" → { sheet: '年报表格', cell: 'J7' }. */
export function splitCellAddress(address: string): { sheet?: string; cell: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(address);
  const cell = (m ? m[3]! : address).replace(/\$/g, '').toUpperCase();
  return m ? { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), cell } : { cell };
}

export const sheetQualified = (sheet: string, cell: string) => `'${sheet.replace(/'/g, "''")}'!${cell}`;
