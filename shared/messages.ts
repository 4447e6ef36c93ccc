/** The Chinese wording of every finding, apart from the checks (as zod keeps its texts in locale files). */
import type { CellValue } from './cells.js';

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6));
const quote = (raw: string) => `“${raw.length > 20 ? raw.slice(0, 20) + '…' : raw}”`;

export const MESSAGES = {
  sum: (target: string, expected: number, actual: number, describes: string) =>
    `${target} 应为 ${num(expected)}（＝${describes}），实为 ${num(actual)}`,
  atLeast: (target: string, expected: number, actual: number, describes: string) =>
    `${target} 为 ${num(actual)}，不应小于 ${num(expected)}（＝${describes}）`,
  notCount: (label: string, v: CellValue) =>
    v.kind === 'number'
      ? `${label} 填写 ${quote(v.raw)}，件数应为不小于 0 的整数${v.notes.includes('unsafe-integer') ? '（数值过大，无法精确计算）' : ''}`
      : `${label} 填写 ${quote(v.raw)}，不是数字；件数应为不小于 0 的整数`,
  notDelta: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，增减应为整数（可带“+”“-”号）`,
  notAmount: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，金额应为不小于 0 的数字`,
  blank: (label: string) => `${label} 为空，没有发生请填 0（空白不当作 0，相关合计未核对）`,
  na: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，不是数字；没有发生请填 0（相关合计未核对）`,
  unit: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，单元格内不应写单位“${v.unit}”，只填数字`,
  itemsWithoutDecisions: (row: string, delta: number) => `${row} 本年增加 ${num(delta)} 项，但处理决定数量为 0，请核实`,
  procurementWithoutAmount: (count: number) => `政府集中采购 采购项目数量为 ${num(count)}，但采购总金额为 0 或空，请核实`,
  unsupportedYear: (year: number) => `报告年度 ${year} 年早于 2019 年，适用旧版年报格式，本工具不支持`,
  yearMismatch: (year: number, expected: string, actual: string) =>
    `${year} 年度报告应使用 ${expected} 年版格式，但表格按 ${actual} 年版填写`,
  mixedCells: (format: string, ids: readonly string[]) =>
    `按 ${format} 年版格式填写的报告中出现了另一版格式的单元格：${ids.slice(0, 5).join('、')}${ids.length > 5 ? ' 等' : ''}`,
  missingTable: (title: string) => `缺少表格“${title}”`,
  missingRow: (table: string, row: string) => `${table} 缺少“${row}”一行`,
  rowShape: (row: string, expected: number, actual: number) => `“${row}”一行应有 ${expected} 个数字，实有 ${actual} 个`,
} as const;
