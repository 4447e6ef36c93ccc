/** 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》 */
import {
  NARRATIVE_PARTS, SECTIONS, T2_CONTENT_HEADER, T2_TITLE, T3_COLUMNS, T3_HEADER, T3_NOTE, T3_OTHER_GROUP,
  T3_RESULTS_GROUP, T3_ROWS_AFTER_OTHER, T3_ROWS_BEFORE_OTHER, T4,
} from './common.js';
import type { FormatDef, NarrativePartDef } from './types.js';

const DECISIONS = [{ id: 'decisions', label: '本年处理决定数量' }] as const;

export const FORMAT_2021 = {
  id: '2021',
  notice: '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》',
  title: '政府信息公开工作年度报告',
  years: { from: 2021 },
  sections: SECTIONS,
  t2: {
    id: 't2',
    title: T2_TITLE,
    contentHeader: T2_CONTENT_HEADER,
    blocks: [
      {
        caption: '第二十条第（一）项',
        columns: [
          { id: 'issued', label: '本年制发件数' },
          { id: 'repealed', label: '本年废止件数' },
          { id: 'in-force', label: '现行有效件数' },
        ],
        rows: [{ id: 'rules', label: '规章' }, { id: 'normative', label: '行政规范性文件' }],
      },
      { caption: '第二十条第（五）项', columns: DECISIONS, rows: [{ id: 'licensing', label: '行政许可' }] },
      {
        caption: '第二十条第（六）项',
        columns: DECISIONS,
        rows: [{ id: 'penalty', label: '行政处罚' }, { id: 'coercion', label: '行政强制' }],
      },
      {
        caption: '第二十条第（八）项',
        columns: [{ id: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount' }],
        rows: [{ id: 'fees', label: '行政事业性收费' }],
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
      {
        id: 'other.no-correction',
        path: [T3_RESULTS_GROUP, T3_OTHER_GROUP, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
        outcome: true,
      },
      {
        id: 'other.no-fee',
        path: [T3_RESULTS_GROUP, T3_OTHER_GROUP, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
        outcome: true,
      },
      { id: 'other.other', path: [T3_RESULTS_GROUP, T3_OTHER_GROUP, '3.其他'], outcome: true },
      ...T3_ROWS_AFTER_OTHER,
    ],
    oneRowForms: [{ group: T3_OTHER_GROUP, rows: ['other.no-correction', 'other.no-fee', 'other.other'], readAs: { format: '2019', row: 'other' } }],
  },
  t4: T4,
  narrative: NARRATIVE_PARTS.map((p): NarrativePartDef => (p.id === 'other.fees' ? { ...p, required: true } : p)),
} as const satisfies FormatDef;
