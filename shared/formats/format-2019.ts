/** 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》 */
import {
  NARRATIVE_PARTS, SECTIONS, T2_CONTENT_HEADER, T2_TITLE, T3_COLUMNS, T3_HEADER, T3_NOTE, T3_OTHER_GROUP,
  T3_RESULTS_GROUP, T3_ROWS_AFTER_OTHER, T3_ROWS_BEFORE_OTHER, T4,
} from './common.js';
import type { FormatDef } from './types.js';

const ITEM_COLUMNS = [
  { id: 'prev', label: '上一年项目数量' },
  { id: 'delta', label: '本年增/减', kind: 'delta' },
  { id: 'decisions', label: '处理决定数量' },
] as const;

export const FORMAT_2019 = {
  id: '2019',
  notice: '国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》',
  title: '政府信息公开工作年度报告',
  years: { from: 2019, to: 2020 },
  sections: SECTIONS,
  t2: {
    id: 't2',
    title: T2_TITLE,
    contentHeader: T2_CONTENT_HEADER,
    blocks: [
      {
        caption: '第二十条第（一）项',
        columns: [
          { id: 'made', label: '本年新制作数量' },
          { id: 'published', label: '本年新公开数量' },
          { id: 'total', label: '对外公开总数量' },
        ],
        rows: [{ id: 'rules', label: '规章' }, { id: 'normative', label: '规范性文件' }],
      },
      {
        caption: '第二十条第（五）项',
        columns: ITEM_COLUMNS,
        rows: [{ id: 'licensing', label: '行政许可' }, { id: 'services', label: '其他对外管理服务事项' }],
      },
      {
        caption: '第二十条第（六）项',
        columns: ITEM_COLUMNS,
        rows: [{ id: 'penalty', label: '行政处罚' }, { id: 'coercion', label: '行政强制' }],
      },
      {
        caption: '第二十条第（八）项',
        columns: ITEM_COLUMNS.slice(0, 2),
        rows: [{ id: 'fees', label: '行政事业性收费' }],
      },
      {
        caption: '第二十条第（九）项',
        columns: [
          { id: 'count', label: '采购项目数量' },
          { id: 'amount', label: '采购总金额', kind: 'amount' },
        ],
        rows: [{ id: 'procurement', label: '政府集中采购' }],
      },
    ],
  },
  t3: {
    id: 't3',
    title: SECTIONS[2].heading,
    note: T3_NOTE,
    header: T3_HEADER,
    columns: T3_COLUMNS,
    rows: [
      ...T3_ROWS_BEFORE_OTHER,
      { id: 'other', path: [T3_RESULTS_GROUP, T3_OTHER_GROUP], outcome: true },
      ...T3_ROWS_AFTER_OTHER,
    ],
  },
  t4: T4,
  narrative: NARRATIVE_PARTS.filter((p) => p.id !== 'overview.assessment' && p.id !== 'other.fees'),
} as const satisfies FormatDef;
