/** Findings as a readable Chinese list, grouped by table. */
import type { CellDef, Draft, Finding, Severity } from '../shared/index.js';
import { catalogue, FORMATS, tableOf } from '../shared/formats/index.js';
import { draftFormat } from '../shared/draft-format.js';
import { MESSAGES } from '../shared/messages.js';
import { summarize } from '../shared/rules/catalogue.js';

const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_MARK: Record<Severity, string> = { error: '✗', warning: '!', info: 'i' };

function groupOf(f: Finding, draft: Draft | undefined): string {
  const t = f.cells[0] ? tableOf(f.cells[0]) : undefined;
  const format = draft ? draftFormat(draft) : undefined;
  if (t && format) return FORMATS[format][t].title;
  if (f.rule.startsWith('narrative.') || f.rule.startsWith('text.') || f.rule.startsWith('meta.')) return '正文与其他';
  return '格式与结构';
}

/** Blank cells of one row as one line: a row left out by the importer would otherwise fill the screen. */
function collapseBlankRows(list: readonly Finding[], byId: ReadonlyMap<string, CellDef>): Finding[] {
  const rowOf = (f: Finding) => (f.rule === 'cell.blank' && f.cells.length === 1 ? byId.get(f.cells[0]!) : undefined);
  const rows = new Map<string, CellDef[]>();
  for (const f of list) {
    const def = rowOf(f);
    if (def) rows.set(`${def.table}.${def.row}`, [...(rows.get(`${def.table}.${def.row}`) ?? []), def]);
  }
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of list) {
    const def = rowOf(f);
    const key = def && `${def.table}.${def.row}`;
    const row = key ? rows.get(key)! : [];
    if (!key || row.length < 2) out.push(f);
    else if (!done.has(key)) {
      done.add(key);
      out.push({ ...f, message: MESSAGES.blankRow(def.rowLabel, row.map((d) => d.columnLabel)), cells: row.map((d) => d.id) });
    }
  }
  return out;
}

/** `file`'s heading line: agency, year and format. */
export function describeReport(file: string, draft: Draft | undefined): string {
  if (!draft) return file;
  const format = draftFormat(draft);
  const who = draft.agency.name || '（未写明机构）';
  return `${file}　${who} ${draft.year} 年度${format ? `，${format} 年版格式` : ''}`;
}

export function formatFindings(file: string, draft: Draft | undefined, findings: readonly Finding[]): string {
  const lines = [describeReport(file, draft)];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groupOf(f, draft);
    groups.set(g, [...(groups.get(g) ?? []), f]);
  }
  const format = draft ? draftFormat(draft) : undefined;
  const byId = format ? catalogue(format).byId : undefined;
  for (const [group, list] of groups) {
    lines.push(`  ${group}`);
    for (const f of byId ? collapseBlankRows(list, byId) : list) {
      const where = f.cells.length && byId ? `（${f.cells.length > 1 && f.rule === 'cell.blank' ? `${f.cells[0]} 等` : f.cells[0]}）` : '';
      lines.push(`    ${SEVERITY_MARK[f.severity]} ${SEVERITY_TEXT[f.severity]} ${f.message}${where} [${f.rule}]`);
    }
  }
  const s = summarize(findings);
  lines.push(s.errors + s.warnings + s.infos === 0 ? '  ✓ 未发现问题' : `  共 ${s.errors} 个错误、${s.warnings} 个警告、${s.infos} 条提示`);
  return lines.join('\n') + '\n';
}
