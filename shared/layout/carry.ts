/**
 * What last year's report fills in this year (the add-in's 「导入上年报告」 and `nianbao template --as-previous`): every carry.* relation whose checked side is one cell and whose
 * expected side is made of last year's cells only (t3 上年结转 ← last 结转下年度继续办理; 2019 t2 上一年项目数量 ← last
 * 上一年项目数量 + 本年增/减). Relations that also need this year's cells (carry.in-force, 对外公开总数量) only check.
 */
import { parseCell } from '../cells.js';
import type { Draft } from '../draft.js';
import type { FormatId } from '../formats/index.js';
import { numberText } from './values.js';
import { relations } from '../rules/relations.js';

export type PreviousReport = Pick<Draft, 'year' | 'format' | 'cells'>;

export function prefillFromPrevious(format: FormatId, previous: PreviousReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of relations(format)) {
    if (!r.rule.startsWith('carry.') || r.actual.length !== 1 || r.op !== '=') continue;
    if (!r.expected.length || r.expected.some((t) => t.year !== 'last')) continue;
    let sum = 0;
    let ok = true;
    for (const t of r.expected) {
      const v = parseCell(previous.cells[t.ref]);
      if (v.kind !== 'number' || v.value === undefined) { ok = false; break; }
      sum += v.value * t.weight;
    }
    if (ok) out[r.actual[0]!.ref] = numberText(sum);
  }
  return out;
}
