/** The rule catalogue of SPEC §6: every rule id with its severity and a short Chinese title. */

export type Severity = 'error' | 'warning' | 'info';

export const RULES = {
  't3.balance': { severity: 'error', title: '表三勾稽关系：第一项加第二项之和应等于第三项加第四项之和' },
  't3.row-total': { severity: 'error', title: '表三各行总计应等于各类申请人之和' },
  't3.outcome-total': { severity: 'error', title: '表三（七）总计应等于各办理结果之和' },
  't4.group-total': { severity: 'error', title: '表四各组总计应等于结果维持、结果纠正、其他结果、尚未审结之和' },
  'cell.not-a-count': { severity: 'error', title: '件数单元格应为不小于 0 的整数' },
  'cell.not-a-number': { severity: 'error', title: '增减或金额单元格不是有效数字' },
  't2.stock': { severity: 'error', title: '表二存量不能为负' },
  'format.mixed': { severity: 'error', title: '报告混用了 2019 年版和 2021 年版格式' },
  'format.year-mismatch': { severity: 'error', title: '报告年度与所用格式不符' },
  'format.unsupported-year': { severity: 'error', title: '2019 年以前的年报格式不受支持' },
  'structure.row-shape': { severity: 'error', title: '表格行的单元格数与格式不符' },
  'structure.missing-table': { severity: 'error', title: '缺少表格' },
  'structure.missing-row': { severity: 'error', title: '表格缺少行' },
  'structure.unreadable-table': { severity: 'error', title: '找到了表格但未能读取其中的数字' },
  'cell.blank': { severity: 'warning', title: '单元格为空（没有请填 0）' },
  'cell.unit': { severity: 'warning', title: '数字单元格内写了单位' },
  't2.published-vs-total': { severity: 'warning', title: '本年新公开数量不应超过对外公开总数量' },
  'carry.t3': { severity: 'warning', title: '上年结转应等于上年报告的结转下年度继续办理' },
  'carry.in-force': { severity: 'warning', title: '现行有效件数应等于上年现行有效件数加本年制发减本年废止' },
  'carry.items': { severity: 'warning', title: '上一年项目数量、对外公开总数量应与上年报告衔接' },
  'narrative.figure': { severity: 'warning', title: '正文中的数字与表格不一致' },
  'narrative.missing-part': { severity: 'warning', title: '总体情况缺少格式要求的部分' },
  'narrative.fees': { severity: 'warning', title: '第六部分未说明信息处理费收取情况' },
  'narrative.empty': { severity: 'warning', title: '第五部分为空、写“无”或只有套话' },
  'structure.heading': { severity: 'warning', title: '标题与官方格式不符' },
  'structure.extra-row': { severity: 'warning', title: '表格中有格式之外的行（已略去）' },
  'text.artifact': { severity: 'warning', title: '正文夹带网页信息、图片占位或分页断字' },
  'plausibility.items-without-decisions': { severity: 'warning', title: '事项有增加但处理决定数量为 0' },
  'plausibility.procurement-without-amount': { severity: 'warning', title: '有采购项目但采购总金额为 0 或空' },
  'meta.contact': { severity: 'info', title: '未写明联系地址、邮编或电话' },
  'meta.period': { severity: 'info', title: '统计期限与报告年度不符' },
  'meta.date': { severity: 'info', title: '落款日期不在次年 1 月至 3 月' },
  'meta.agency': { severity: 'info', title: '未能读出机关名称' },
  'meta.year': { severity: 'info', title: '报告年度未在标题中写明（按其他来源读取或推定）' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function severityOf(rule: RuleId): Severity {
  return RULES[rule].severity;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Chinese, names the cells by their labels and both numbers. */
  readonly message: string;
  /** For a sum: the total cell first, then the parts. */
  readonly cells: readonly string[];
  readonly expected?: number;
  readonly actual?: number;
}

export interface FindingSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  let errors = 0, warnings = 0, infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function finding(
  rule: RuleId, message: string, cells: readonly string[] = [], numbers?: { expected: number; actual: number },
): Finding {
  return numbers
    ? { rule, severity: RULES[rule].severity, message, cells, expected: numbers.expected, actual: numbers.actual }
    : { rule, severity: RULES[rule].severity, message, cells };
}
