/** Chinese wording the spreadsheet layout puts into a sheet (validation alerts, sheet name). Findings stay in messages.ts. */
import type { CellKind } from '../formats/index.js';

export const LAYOUT_TEXTS = {
  sheetName: '年报表格',
  validation: {
    count: { errorTitle: '请填写件数', error: '这里应填写不小于 0 的整数（件数）。没有发生请填 0，不要写单位或“/”。' },
    delta: { errorTitle: '请填写增减数', error: '这里应填写整数：增加填正数，减少填负数（如 -3），没有变化填 0。' },
    amount: { errorTitle: '请填写金额', error: '这里应填写不小于 0 的数字，单位以表头为准，不要写“元”“万元”。' },
  } satisfies Record<CellKind, { errorTitle: string; error: string }>,
} as const;

/** How the pane names a table when it speaks of the grid's shape. */
export const TABLE_TITLE = { t2: '表二', t3: '表三', t4: '表四' } as const;

/** Messages about a grid whose shape no longer matches its format (the pane shows them once, with 「修复表格」). */
export const SHAPE_TEXTS = {
  changed: (sheet: string, problems: readonly string[]) => `工作表“${sheet}”的表格结构已被改动：${problems.join('；')}。`,
  lost: (n: number) => `有 ${n} 个单元格找不到了（所在的行或列已被删除），核对时按空白处理。`,
  advice: '核对结果可能不准确。点击“修复表格”按标准格式重写表格，已填的数字保留。',
} as const;
