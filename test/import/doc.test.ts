/**
 * Word 97–2003 (.doc) input: the project's .docx rendering of fixtures of both formats, saved as .doc by
 * LibreOffice, reads back cell for cell through `nianbao import`; a broken .doc is refused with exit 2. Needs
 * LibreOffice: skipped outside CI when absent, failing in CI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDraftJson, type Draft } from '../../shared/index.js';
import { docBodyToText } from '../../shared/import/doc.js';
import { renderReportDocx } from '../../shared/render/docx.js';
import { runNianbao } from '../support/cli.js';
import { huaian2024, pingtan2022, weihaiOffice2020 } from '../support/fixture-drafts.js';
import { convertDocx, SOFFICE } from '../support/pdf-files.js';

const inCi = process.env.CI === 'true';
const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const filled = (cells: Record<string, string>) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== ''));

const DRAFTS: Record<string, () => Draft> = { 'weihai-office-2020': weihaiOffice2020, 'huaian-2024': huaian2024, 'pingtan-2022': pingtan2022 };

describe.skipIf(!SOFFICE && !inCi)('.doc made by LibreOffice from the .docx renderer', () => {
  it('LibreOffice is installed (required in CI)', () => expect(SOFFICE).toBeDefined());
  it.each(Object.keys(DRAFTS))('%s.doc: nianbao import gives the same cells, year and agency', async (name) => {
    const draft = DRAFTS[name]!();
    const doc = convertDocx(dir, name, await renderReportDocx(draft), 'doc', 'doc');
    expect([...doc.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const file = join(dir, `${name}.doc`);
    writeFileSync(file, doc);
    const r = await runNianbao(dir, 'import', file, '--json');
    expect(r.code).toBeLessThan(2);
    const out = JSON.parse(r.stdout) as { draft: unknown };
    const d = parseDraftJson(JSON.stringify(out.draft));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(filled(d.draft.cells)).toEqual(filled(draft.cells));
    expect(d.draft).toMatchObject({ year: draft.year, format: draft.format, agency: { name: draft.agency.name } });
  }, 180_000);

  it('a broken .doc gets a clear message and exit 2; a web page named .doc is read as a web page', async () => {
    const doc = convertDocx(dir, 'broken', await renderReportDocx(huaian2024()), 'doc', 'doc');
    const file = join(dir, 'broken.doc');
    writeFileSync(file, doc.subarray(0, 1536));
    const r = await runNianbao(dir, 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Word 97–2003 文档（.doc）已损坏');
    const page = join(dir, 'page.doc');
    writeFileSync(page, '<html><head><title>x</title></head><body><p>威海火炬高技术产业开发区党政办公室2020年政府信息公开工作年度报告</p></body></html>');
    const p = await runNianbao(dir, 'import', page, '--json');
    expect((JSON.parse(p.stdout) as { draft: { year: number } }).draft.year).toBe(2020);
  }, 60_000);
});

describe('Word cell marks → table rows', () => {
  it.each([
    // One row per line: a blank last cell is a cell.
    ['其他对外管理服务事项\t3\t+1\t\t', ['其他对外管理服务事项\t3\t+1\t']],
    // Rows run together: a row ends after its figures; covered (merged) cells are not written.
    ['（三）不予公开\t1.属于国家秘密\t1\t0\t1\t\t\t\t2.其他\t0\t0\t0\t\t', ['（三）不予公开\t1.属于国家秘密\t1\t0\t1', '2.其他\t0\t0\t0']],
    // A label after two or more empty cells starts a row even without figures before it.
    ['3.其他\t\t\t\t\t（七）总计\t21\t\t', ['3.其他', '（七）总计\t21']],
    ['正文一段\n', ['正文一段', '']],
  ])('%j', (body, lines) => {
    expect(docBodyToText(body).split('\n')).toEqual(lines);
  });
});
