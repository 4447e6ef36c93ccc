import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS, tableGrids } from '../../shared/index.js';
import { renderReportDocx } from '../../shared/render/docx.js';
import { huaian2024, weihaiOffice2020 } from './drafts.js';
import { docxTextViaPdf, HAS_LIBREOFFICE } from '../support/libreoffice.js';

const hasSoffice = HAS_LIBREOFFICE;

const dir = mkdtempSync(join(tmpdir(), 'nianbao-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function documentXml(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toContain('word/document.xml');
  return strFromU8(files['word/document.xml']!);
}

/** The .docx as LibreOffice reads it: converted to PDF, then to text. */
function textViaLibreOffice(bytes: Uint8Array, name: string): string {
  return readFileSync(docxTextViaPdf(bytes, dir, name), 'utf8');
}

describe('renderReportDocx', () => {
  it('writes real Word tables whose merges follow tableGrids', async () => {
    const draft = huaian2024();
    const xml = documentXml(await renderReportDocx(draft));
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(3);
    const grids = tableGrids('2021');
    const [t2, t3, t4] = tables as [string, string, string];
    // t3: the 勾稽关系 note spans 3 columns and 3 rows; the group labels run down as vMerge
    const spanned = (g: typeof grids.t3) => g.rows.flat().filter((c) => c.rowSpan > 1).length;
    expect(t3.match(/<w:vMerge w:val="restart"\/>/g)?.length).toBe(spanned(grids.t3));
    const continues = grids.t3.rows.flat().reduce((n, c) => n + c.rowSpan - 1, 0);
    expect(t3.match(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/g)?.length).toBe(continues);
    expect(t3).toContain('<w:gridSpan w:val="3"/>');
    expect(t3.match(/<w:tr[ >]/g)?.length).toBe(grids.t3.height);
    expect(t4).toContain('<w:gridSpan w:val="10"/>'); // 行政诉讼 over both litigation groups
    expect(t4.match(/<w:tr[ >]/g)?.length).toBe(grids.t4.height);
    expect(t2.match(/<w:tr[ >]/g)?.length).toBe(grids.t2.height);
    // A4, 宋体 body, 黑体 headings
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it.skipIf(!hasSoffice)('opens in LibreOffice with title, headings, narrative and every table figure', async () => {
    const draft = { ...huaian2024(), signature: { date: '2025-01-20' } };
    const raw = textViaLibreOffice(await renderReportDocx(draft), 'huaian');
    const flat = raw.replace(/\s+/g, ''); // pdftotext wraps lines and spaces CJK from digits
    const text = raw.replace(/\s+/g, ' ');
    expect(flat).toContain('淮安市人民政府2024年政府信息公开工作年度报告');
    for (const s of FORMATS['2021'].sections) expect(flat).toContain(s.heading);
    expect(flat).toContain('（一）主动公开');
    expect(text).toMatch(/一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119/);
    expect(text).toMatch(/72 64 178 37 351 13 4 8 1 26 12 1 1 6 20/);
    expect(text).toMatch(/行政处罚 3985758/);
    expect(flat).toContain('2025年1月20日');
  }, 180_000);

  it.skipIf(!hasSoffice)('2019 format: the nine t2 captions and the （六）其他处理 single row', async () => {
    const raw = textViaLibreOffice(await renderReportDocx(weihaiOffice2020()), 'weihai');
    const flat = raw.replace(/\s+/g, '');
    const text = raw.replace(/\s+/g, ' ');
    expect(flat).toContain('威海火炬高技术产业开发区党政办公室2020年政府信息公开工作年度报告');
    expect(flat).toContain('第二十条第（九）项');
    expect(text).toMatch(/政府集中采购 5 146\.2243/);
    expect(text).toMatch(/其他对外管理服务事项 3 \+1 0/);
    expect(text).toMatch(/（六）其他处理 0 0 0 0 0 0 0/);
  }, 180_000);
});
