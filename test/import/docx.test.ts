/**
 * .docx input: the project's HTML rendering of a fixture converted by LibreOffice (`soffice --headless
 * --convert-to docx`), and the project's own .docx renderer, both read back to the same draft. Needs LibreOffice:
 * skipped outside CI when it is absent, failing in CI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportDocx } from '../../shared/render/docx.js';
import { renderReportHtml } from '../../shared/render/report.js';
import { importReport } from '../../shared/import/index.js';
import { importFixture } from './support.js';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const inCi = process.env.CI === 'true';
const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function convert(html: string, name: string): Uint8Array {
  const src = join(dir, `${name}.html`);
  writeFileSync(src, html);
  execFileSync(SOFFICE!, [
    `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--infilter=HTML (StarWriter)',
    '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, src,
  ], { timeout: 120_000, stdio: 'ignore' });
  return readFileSync(join(dir, `${name}.docx`));
}

const FIXTURES = ['huaian-2024', 'weihai-hitech-office-2020', 'pingtan-2022'] as const;

/** A cell left out of the draft is printed empty and reads back as an empty cell: both are blank. */
const filled = (cells: Record<string, string>) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== ''));

describe.skipIf(!SOFFICE && !inCi)('.docx made by LibreOffice from the HTML rendering', () => {
  it('LibreOffice is installed (required in CI)', () => expect(SOFFICE).toBeDefined());
  it.each(FIXTURES)('%s reads back to the same draft', (name) => {
    const base = importFixture(name).draft;
    const r = importReport({ name: `${name}.docx`, bytes: convert(renderReportHtml(base), name) });
    expect(r.kind).toBe('docx');
    expect(filled(r.draft.cells)).toEqual(filled(base.cells));
    expect(r.draft).toMatchObject({ year: base.year, format: base.format, agency: { name: base.agency.name } });
    expect(Object.keys(r.draft.narrative)).toEqual(expect.arrayContaining(Object.keys(base.narrative)));
  }, 180_000);
});

describe('.docx made by the project renderer', () => {
  it.each(FIXTURES)('%s reads back to the same draft', async (name) => {
    const base = importFixture(name).draft;
    const r = importReport({ bytes: await renderReportDocx(base) });
    expect(r.kind).toBe('docx');
    expect(filled(r.draft.cells)).toEqual(filled(base.cells));
    expect(r.draft.year).toBe(base.year);
  });

  it('a broken .docx gives findings, not an exception', async () => {
    const bytes = await renderReportDocx(importFixture('huaian-2024').draft);
    const r = importReport({ name: 'x.docx', bytes: bytes.subarray(0, bytes.length >> 1) });
    expect(r.findings.some((f) => f.rule === 'structure.missing-table')).toBe(true);
    expect(r.draft.cells).toEqual({});
  });
});
