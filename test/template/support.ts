/** Drafts and helpers shared by the template tests. */
import ExcelJS from 'exceljs';
import { parseCell, type Draft } from '../../shared/index.js';
import { buildDraft } from '../support/drafts.js';

/** 淮安市人民政府 2024 (fixtures/README.md): a clean, consistent 2021-format report. */
export function huaian2024(): Draft {
  return buildDraft({
    year: 2024, agency: '淮安市人民政府',
    t2: { rules: [1, 0, 11], normative: [8, 26, 66], licensing: [447228], penalty: [3985758], coercion: [88283], fees: ['96171.6'] },
    t3: {
      new: [3001, 53, 0, 0, 61, 4, 3119], carried: [34, 0, 0, 0, 0, 0, 34],
      granted: [2932, 53, 0, 0, 61, 4, 3050], total: [2932, 53, 0, 0, 61, 4, 3050], 'carry-forward': [103, 0, 0, 0, 0, 0, 103],
    },
    t4: { review: [72, 64, 178, 37, 351], 'suit-direct': [13, 4, 8, 1, 26], 'suit-after-review': [12, 1, 1, 6, 20] },
  });
}

/** 威海火炬高技术产业开发区党政办公室 2020 (fixtures/README.md): 2019 format, signed deltas, a blank cell, an amount. */
export function weihaiOffice2020(): Draft {
  return buildDraft({
    year: 2020, agency: '威海火炬高技术产业开发区党政办公室',
    t2: { services: [3, '+1', ''], penalty: [2, '-1', 0], coercion: [1, 0, 0], procurement: [5, '146.2243'] },
    t3: {
      new: [6, 1, 0, 0, 0, 0, 7], partial: [1, 1, 0, 0, 0, 0, 2], 'unable.none': [4, 0, 0, 0, 0, 0, 4],
      'rejected.repeat': [1, 0, 0, 0, 0, 0, 1], total: [6, 1, 0, 0, 0, 0, 7],
    },
  });
}

/** Cells compared as the rules core reads them: the same ids, the same parsed numbers (「+1」 and 1 are the same). */
export function readings(cells: Readonly<Record<string, string>>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(cells).map(([id, raw]) => {
    const v = parseCell(raw);
    return [id, v.kind === 'number' ? v.value! : `${v.kind}:${raw}`];
  }));
}

export async function loadBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function bookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
