import { describe, expect, it } from 'vitest';
import { finding, mergeFindings } from '../../shared/index.js';

describe('mergeFindings', () => {
  const mixed = finding('format.mixed', '（六）其他处理写成一行', ['t3.other.natural', 't3.other.no-fee.natural']);

  it('keeps every finding of the first list, in order', () => {
    const first = [mixed, finding('structure.heading', '标题不符')];
    expect(mergeFindings(first, [])).toEqual(first);
  });

  it('drops a later finding of the same rule whose cells an earlier one names already', () => {
    const later = [finding('format.mixed', '另一版格式的单元格', ['t3.other.natural']), finding('format.mixed', '别的', ['t2.procurement.count'])];
    expect(mergeFindings([mixed], later).map((f) => f.message)).toEqual([mixed.message, '别的']);
  });

  it('drops a later finding without cells that says the same thing, keeps one that says something else', () => {
    const a = finding('structure.missing-table', '缺少表格“表四”');
    const merged = mergeFindings([a], [finding('structure.missing-table', '缺少表格“表四”'), finding('structure.missing-table', '缺少表格“表二”')]);
    expect(merged.map((f) => f.message)).toEqual(['缺少表格“表四”', '缺少表格“表二”']);
  });

  it('drops cell.blank on a cell an earlier finding explains, keeps other blanks', () => {
    const merged = mergeFindings([mixed], [finding('cell.blank', '为空', ['t3.other.no-fee.natural']), finding('cell.blank', '为空', ['t3.new.natural'])]);
    expect(merged.map((f) => f.cells[0])).toEqual(['t3.other.natural', 't3.new.natural']);
  });
});
