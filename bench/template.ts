/** The spreadsheet plan and the .xlsx template: plan build time, template generation (target ≤ 300 ms), read-back. */
import { FORMAT_IDS, type FormatId } from '../shared/index.js';
import { sheetPlan } from '../shared/layout.js';
import { readWorkbook } from '../shared/xlsx/read-workbook.js';
import { writeTemplate } from '../cli/xlsx/write-template.js';
import { consistentDraft, rng } from '../test/support/generate.js';

const YEAR: Record<FormatId, number> = { '2019': 2020, '2021': 2024 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed<T>(n: number, f: () => Promise<T> | T): Promise<{ first: number; median: number; max: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await f();
    times.push(performance.now() - t0);
  }
  return { first: times[0]!, median: median(times.slice(1)), max: Math.max(...times), last };
}

export async function bench(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const random = rng(7);
  for (const format of FORMAT_IDS) {
    const plan = await timed(200, () => sheetPlan(format, { agency: '某市某局', year: YEAR[format] }));
    const empty = await timed(20, () => writeTemplate({ year: YEAR[format], agency: '某市某局' }));
    const draft = consistentDraft(format, random);
    const filled = await timed(20, () => writeTemplate({ year: draft.year, draft }));
    const read = await timed(20, () => readWorkbook(filled.last.bytes));
    out[`template ${format}: plan build ms (median; first)`] = `${plan.median.toFixed(2)}; ${plan.first.toFixed(2)}`;
    out[`template ${format}: empty template ms (median; first) (target ≤ 300)`] = `${empty.median.toFixed(1)}; ${empty.first.toFixed(1)}`;
    out[`template ${format}: template --from ms (median; max) (target ≤ 300)`] = `${filled.median.toFixed(1)}; ${filled.max.toFixed(1)}`;
    out[`template ${format}: read back ms (median)`] = read.median.toFixed(1);
    out[`template ${format}: file size KB`] = (filled.last.bytes.length / 1024).toFixed(1);
  }
  return out;
}
