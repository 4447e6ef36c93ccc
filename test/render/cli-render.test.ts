import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { huaian2024 } from './drafts.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, cwd: dir } };
}

describe('nianbao render', () => {
  writeFileSync(join(dir, 'huaian.json'), JSON.stringify(huaian2024()));

  it.each(['docx', 'html', 'md'])('writes .%s from a draft', async (ext) => {
    const { out, io: cio } = io();
    expect(await main(['render', 'huaian.json', '-o', `r.${ext}`, '--date', '2025-02-03'], cio)).toBe(0);
    expect(out.stderr).toContain(`已写出 r.${ext}`);
    const bytes = readFileSync(join(dir, `r.${ext}`));
    const text = ext === 'docx' ? strFromU8(unzipSync(bytes)['word/document.xml']!) : bytes.toString('utf8');
    expect(text).toContain('淮安市人民政府2024年政府信息公开工作年度报告');
    expect(text).toContain('2025年2月3日');
    expect(text).toContain('3119');
  });

  it('prints no made-up 落款 date: without the draft\'s own or --date the line is left out, and stderr says so', async () => {
    const { out, io: cio } = io();
    expect(await main(['render', 'huaian.json', '-o', 'undated.md'], cio)).toBe(0);
    expect(out.stderr).toContain('草稿没有落款日期');
    const md = readFileSync(join(dir, 'undated.md'), 'utf8');
    expect(md).not.toContain('2025年1月20日'); // the day the draft was last saved
    expect(md.trimEnd().endsWith('淮安市人民政府')).toBe(true);
  });

  it('still writes the report when the tables are wrong, but lists the errors and exits 1', async () => {
    const d = huaian2024();
    d.cells['t3.new.total'] = '3120';
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(d));
    const { out, io: cio } = io();
    expect(await main(['render', 'wrong.json', '-o', 'wrong.md'], cio)).toBe(1);
    expect(out.stderr).toContain('错误');
    expect(readFileSync(join(dir, 'wrong.md'), 'utf8')).toContain('| 3120 |');
  });

  it('exits 2 on wrong usage or an unreadable draft', async () => {
    for (const args of [['render', 'huaian.json'], ['render', 'huaian.json', '-o', 'x.pdf'], ['render', 'missing.json', '-o', 'x.md'], ['render', 'huaian.json', '-o', 'x.md', '--date', '2025/1/2']]) {
      const { out, io: cio } = io();
      expect(await main(args, cio)).toBe(2);
      expect(out.stderr.length).toBeGreaterThan(0);
    }
  });
});

describe('nianbao render -o x.md escapes what a clerk typed (issue 8 §5)', () => {
  it('a cell and an answer holding HTML and Markdown print as text through the real bin', async () => {
    const { runNianbao } = await import('../support/cli.js');
    const d = huaian2024();
    d.cells['t3.new.natural'] = '<script>alert(1)</script>';
    d.narrative['other.misc'] = '<script>alert(2)</script> | 不是表格 | **不是粗体** [链接](javascript:alert(3))\n# 不是标题';
    d.agency.name = '<img src=x onerror=alert(4)>局';
    writeFileSync(join(dir, 'evil.json'), JSON.stringify(d));
    const r = await runNianbao(dir, 'render', 'evil.json', '-o', 'evil.md');
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
    const md = readFileSync(join(dir, 'evil.md'), 'utf8');
    expect(md).not.toMatch(/<script|<img/);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&lt;script&gt;alert(2)&lt;/script&gt; \\| 不是表格 \\| \\*\\*不是粗体\\*\\* \\[链接\\](javascript:alert(3))');
    expect(md).toContain('\n\\# 不是标题');
    expect(md).toContain('# &lt;img src=x onerror=alert(4)&gt;局2024年');
  });
});
