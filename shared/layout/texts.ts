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
