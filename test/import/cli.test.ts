/** `nianbao import`, run as a user runs it: the real bin script in a child process, on the real fixtures. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDraftJson } from '../../shared/index.js';
import { FIXTURES_DIR } from './support.js';
import { runNianbao } from '../support/cli.js';
import { huaian2024 } from '../support/fixture-drafts.js';
import { writeReport } from './writers.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-cli-'));

const nianbao = (...args: string[]) => runNianbao(dir, ...args);

describe('nianbao import', () => {
  it('prints the draft of a clean report on stdout and exits 0', async () => {
    const r = await nianbao('import', join(FIXTURES_DIR, 'huaian-2024.txt'));
    expect(r.code).toBe(0);
    const d = parseDraftJson(r.stdout);
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.draft.cells['t3.new.total']).toBe('3119');
  });

  it('writes -o DRAFT.json, lists the import findings in Chinese on stderr and exits 1 on an error', async () => {
    const r = await nianbao('import', join(FIXTURES_DIR, 'pingtan-2021.txt'), '-o', 'pingtan.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('693665');
    expect(r.stderr).toContain('草稿已写入 pingtan.json');
    const d = parseDraftJson(readFileSync(join(dir, 'pingtan.json'), 'utf8'));
    expect(d.ok && d.draft.cells['t3.new.natural']).toBe('64');
  });

  it('--json prints {draft, findings}', async () => {
    const r = await nianbao('import', join(FIXTURES_DIR, 'hongze-2023.txt'), '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { draft: unknown; findings: { rule: string }[] };
    expect(parseDraftJson(JSON.stringify(out.draft)).ok).toBe(true);
    expect(out.findings.map((f) => f.rule)).toContain('format.mixed');
  });

  it('reads an HTML page', async () => {
    const html = `<html><body><h1>某县交通运输局2024年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p>
      <table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td><td>1</td><td>9</td></tr></table></body></html>`;
    writeFileSync(join(dir, 'page.html'), html);
    const r = await nianbao('import', 'page.html', '--json');
    const out = JSON.parse(r.stdout) as { draft: { year: number; agency: { name: string }; cells: Record<string, string> } };
    expect(out.draft.year).toBe(2024);
    expect(out.draft.agency.name).toBe('某县交通运输局');
    expect(out.draft.cells['t2.normative.in-force']).toBe('9');
  });

  it('exits 2 on an unreadable file or wrong usage', async () => {
    writeFileSync(join(dir, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
    expect((await nianbao('import', 'broken.docx')).code).toBe(2);
    expect((await nianbao('import', 'missing.txt')).code).toBe(2);
    expect((await nianbao('import')).code).toBe(2);
    expect((await nianbao('import', 'a.txt', 'b.txt')).code).toBe(2);
  }, 30_000);
});

describe('nianbao check and import on Markdown (.md)', () => {
  const d = huaian2024();
  it('check x.md reads the pipe tables (page break, spilled labels, an extra row) and reports only the extra row', async () => {
    writeFileSync(join(dir, 'report.md'), writeReport(d, 'markdown', { extraRow: true }));
    const r = await nianbao('check', 'report.md', '--json');
    const out = JSON.parse(r.stdout) as { year: number; agency: string; findings: { rule: string; severity: string; message: string }[] };
    expect(out).toMatchObject({ year: 2024, agency: '淮安市人民政府' });
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(out.findings.filter((f) => f.rule === 'structure.extra-row').map((f) => f.message)).toEqual([
      expect.stringContaining('“其他主动公开文件”'), expect.stringContaining('“6.其他不予处理情形”'),
    ]);
    const imported = await nianbao('import', 'report.md');
    const draft = parseDraftJson(imported.stdout);
    expect(draft.ok && draft.draft.cells).toEqual(d.cells);
  }, 30_000);
});

