/** The batch audit of `nianbao check`: directories, NDJSON, summary table, pairing, exit status, HTML report. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { Draft } from '../../shared/index.js';
import { buildDraft, natural } from '../support/drafts.js';
import { hasChromium, launchChromium, requireChromiumInCi } from '../support/chromium.js';
import { runNianbao } from '../support/cli.js';
import { FIXTURES_DIR } from '../support/fixtures.js';


const nianbao = runNianbao;

const write = (dir: string, name: string, content: Draft | string) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

/** A consistent report of `agency` with `carried` applications from last year and `forward` to the next. */
const consistent = (year: number, agency: string, carried: number, forward: number) => buildDraft({
  year, agency,
  t3: { new: natural(10), carried: natural(carried), granted: natural(10 + carried - forward), total: natural(10 + carried - forward), 'carry-forward': natural(forward) },
});
/** t3 total 8 where the outcomes add up to 7: t3.outcome-total and t3.balance errors. */
const inconsistent = (agency: string) => buildDraft({ year: 2024, agency, t3: { new: natural(7), granted: natural(7), total: natural(8) } });

let root: string;
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nianbao-audit-'));
  // clean: two agencies, consecutive years; 淮安市洪泽区人民政府 2024 follows 洪泽区人民政府 2023 (carry-forward 3 → carried 2)
  write(root, 'clean/a/hongze-2023.json', consistent(2023, '洪泽区人民政府', 0, 3));
  write(root, 'clean/b/hongze-2024.json', consistent(2024, '淮安市洪泽区人民政府', 2, 0));
  write(root, 'clean/pingtan-2022.json', consistent(2022, '平潭综合实验区', 0, 1));
  write(root, 'clean/other-2023.json', consistent(2023, '某县教育局', 5, 0));
  write(root, 'clean/readme.rtf', 'not a report'); // a type no loader reads (.pdf is read since issue 11)
  write(root, 'mixed/bad.json', inconsistent('某区<script>alert(1)</script>局'));
  write(root, 'mixed/good.json', consistent(2024, '某区民政局', 0, 0));
  write(root, 'mixed/broken.json', '{"schema": "nianbao.draft/1", "year": ');
  write(root, 'errors-only/bad.json', inconsistent('某区财政局'));
  write(root, 'errors-only/good.json', consistent(2024, '某区民政局', 0, 0));
  write(root, 'unreadable-only/good.json', consistent(2024, '某区民政局', 0, 0));
  write(root, 'unreadable-only/broken.json', '[]');
});

describe('nianbao check DIR/', () => {
  it('walks the directory recursively in name order and prints one NDJSON line per file, SPEC §7 shape', async () => {
    const r = await nianbao(root, 'check', 'clean', '--json');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual([
      join('clean', 'a', 'hongze-2023.json'), join('clean', 'b', 'hongze-2024.json'), join('clean', 'other-2023.json'), join('clean', 'pingtan-2022.json'),
    ]);
    for (const l of lines) expect(Object.keys(l)).toEqual(['file', 'year', 'format', 'agency', 'findings', 'summary']);
    expect(r.stderr).toContain('已跳过 1 个无法识别类型的文件');
  });

  it('pairs consecutive years of the same agency on its own, even when one title adds the city', async () => {
    const r = await nianbao(root, 'check', 'clean', '--json');
    const byFile = new Map(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; findings: { rule: string; cells: string[]; expected: number; actual: number }[] }).map((l) => [l.file, l]));
    const carry = byFile.get(join('clean', 'b', 'hongze-2024.json'))!.findings.filter((f) => f.rule === 'carry.t3');
    expect(carry.map((f) => [f.cells[0], f.expected, f.actual])).toEqual([['t3.carried.natural', 3, 2], ['t3.carried.total', 3, 2]]);
    // 某县教育局 2023 has no 2022 report in the batch; 平潭 2022 is no one's previous year here
    expect(byFile.get(join('clean', 'other-2023.json'))!.findings.filter((f) => f.rule.startsWith('carry.'))).toEqual([]);
    expect(r.code).toBe(0); // carry.t3 is a warning
  });

  it('--previous is used for every file and turns the pairing off', async () => {
    const prev = write(root, 'prev-2023.json', consistent(2023, '别的机关', 0, 2));
    const r = await nianbao(root, 'check', 'clean/b', '--previous', prev, '--json');
    const [line] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { findings: { rule: string }[] });
    expect(line!.findings.filter((f) => f.rule === 'carry.t3')).toHaveLength(0); // 2 carried = 2 forwarded
  });

  it('prints each file\'s findings and then a summary table in Chinese', async () => {
    const r = await nianbao(root, 'check', 'mixed');
    const table = r.stdout.slice(r.stdout.lastIndexOf('\n文件 ') + 1);
    expect(table).toMatch(/^文件\s+机关\s+年度\s+错误\s+警告\s+提示\s+未通过的规则/);
    expect(table).toMatch(/mixed\/bad\.json\s+某区<script>\S*\s+2024\s+\d+\s+\d+\s+\d+\s+t3\.balance t3\.outcome-total/);
    expect(table).toMatch(/mixed\/broken\.json.*无法读取：不是有效的草稿/);
    expect(table).toMatch(/mixed\/good\.json\s+某区民政局\s+2024\s+0\s+0\s+0\s+✓/);
    expect(table).toContain('共检查 3 个文件：1 个有错误，1 个无法读取');
    expect(r.stdout).toContain('三、本年度办理结果（七）总计·总计 应为 7');
  });

  it('--summary prints only the table', async () => {
    const r = await nianbao(root, 'check', 'errors-only', '--summary');
    expect(r.stdout).not.toContain('应为 7');
    expect(r.stdout).toContain('共检查 2 个文件：1 个有错误');
  });

  it.each([
    ['an unreadable file and errors', 'mixed', 2],
    ['an unreadable file and no errors', 'unreadable-only', 2],
    ['errors only', 'errors-only', 1],
    ['clean reports', 'clean', 0],
  ])('exits as SPEC §7 says for %s', async (_what, dir, code) => {
    const r = await nianbao(root, 'check', dir, '--json');
    expect(r.code).toBe(code);
    if (code === 2) expect(r.stderr).toMatch(/broken\.json：/);
  });

  it('exits 2 on a directory with nothing to check', async () => {
    mkdirSync(join(root, 'empty'), { recursive: true });
    const r = await nianbao(root, 'check', 'empty');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有找到可检查的文件');
  });
});

describe('progress bar', () => {
  const io = (tty: boolean) => {
    const out: string[] = [], err: string[] = [];
    return {
      io: { stdout: { write: (s: string) => out.push(s), isTTY: false }, stderr: { write: (s: string) => err.push(s), isTTY: tty, columns: 100 }, cwd: root },
      out, err,
    };
  };
  it('is drawn on stderr when it is a terminal, and cleared at the end', async () => {
    const t = io(true);
    expect(await main(['check', 'clean', '--json'], t.io)).toBe(0);
    const err = t.err.join('');
    expect(err).toMatch(/\r\x1b\[K检查 \[[█░]+\]\s+\d+% \d+\/4/);
    expect(err.endsWith('\r\x1b[K') || err.includes('\r\x1b[K已跳过')).toBe(true);
    expect(t.out.join('').trim().split('\n')).toHaveLength(4);
  });
  it('is not drawn when stderr is not a terminal', async () => {
    const t = io(false);
    await main(['check', 'clean', '--json'], t.io);
    expect(t.err.join('')).not.toContain('\r');
  });
});

describe('--report out.html', () => {
  let html: string;
  let path: string;
  beforeAll(async () => {
    path = join(root, 'report.html');
    const r = await nianbao(root, 'check', 'mixed', 'clean', '--report', 'report.html', '--json');
    expect(r.code).toBe(2);
    html = readFileSync(path, 'utf8');
  });

  it('is one self-contained page: inline CSS, no script, nothing loaded from elsewhere', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).not.toMatch(/href="(?!#)/);
  });

  it('escapes the reports\' own text', () => {
    expect(html).toContain('某区&lt;script&gt;alert(1)&lt;/script&gt;局');
  });

  it('has an index at the top linking each readable report, and lists the unreadable one', () => {
    const index = html.slice(html.indexOf('<table class="index"'), html.indexOf('</table>', html.indexOf('<table class="index"')));
    expect(index.match(/<tr/g)).toHaveLength(1 + 7);
    expect(index).toContain('无法读取');
    for (const m of index.matchAll(/href="#(r\d+)"/g)) expect(html).toContain(`<section class="report" id="${m[1]}">`);
  });

  it('marks the failing cells of the tables', () => {
    expect(html).toMatch(/<td class="nb-value nb-error" data-cell="t3\.total\.total" title="[^"]*应为 7/);
    expect(html).toMatch(/<td class="nb-value nb-warning" data-cell="t3\.carried\.total"/);
  });

  it('opens in Chromium and shows the marked cells', async (ctx) => {
    requireChromiumInCi();
    if (!hasChromium) ctx.skip();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${path}`);
      expect(requests).toEqual([`file://${path}`]);
      const marked = page.locator('.nb-value.nb-error');
      expect(await marked.count()).toBeGreaterThan(0);
      const bg = await marked.first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe('rgb(248, 208, 208)');
      const link = page.locator('table.index a').nth(1);
      const target = (await link.getAttribute('href'))!;
      await link.click();
      expect(await page.locator(`${target} h2`).isVisible()).toBe(true);
      await page.screenshot({ path: join(root, 'report.png') });
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('nianbao check ../shared/fixtures/reports/', () => {
  const FIXTURES = FIXTURES_DIR;
  type Line = { file: string; agency: string; year: number; findings: { rule: string; severity: string; cells: string[]; expected: number | null; actual: number | null }[]; summary: { errors: number } };
  let lines: Line[];
  let code: number;
  beforeAll(async () => {
    const r = await nianbao(root, 'check', FIXTURES, '--json');
    code = r.code;
    lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
  }, 60_000);
  const of = (name: string) => lines.find((l) => l.file.endsWith(`${name}.txt`))!;

  it('checks every fixture and exits 1 because some are inconsistent', () => {
    expect(lines).toHaveLength(readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).length);
    expect(code).toBe(1);
    expect(of('hongze-2023').findings.filter((f) => f.rule === 't4.group-total').map((f) => [f.cells[0], f.expected, f.actual]))
      .toEqual([['t4.review.total', 11, 0], ['t4.suit-after-review.total', 5, 0]]);
  });

  it('gives the narrative findings the README lists, and none it rules out', () => {
    expect(of('huaian-2024').findings.filter((f) => f.rule === 'narrative.figure')).toEqual([]);
    expect(of('huaian-2024').summary.errors).toBe(0);
    expect(of('weihai-hitech-office-2020').findings.map((f) => f.rule)).toContain('text.artifact');
    expect(of('wendeng-tianfu-2020').findings.filter((f) => f.rule === 'narrative.figure')).toHaveLength(1);
    const hongze = of('hongze-2024').findings.filter((f) => f.rule === 'narrative.figure');
    expect(hongze.map((f) => [f.severity, f.expected, f.actual])).toEqual([['warning', 95, 17]]);
  });

  it('pairs hongze 2023 → 2024 and pingtan 2021 → 2022 by agency and year; carry.t3 holds for both', async () => {
    const r = await nianbao(root, 'check', FIXTURES);
    expect(r.stdout).toMatch(/hongze-2024\.txt[^\n]*\n(?:(?!\.txt　)[^\n]*\n)*  （已与上年报告 [^\n]*hongze-2023\.txt 核对衔接）/);
    expect(r.stdout).toMatch(/pingtan-2022\.txt[^\n]*\n(?:(?!\.txt　)[^\n]*\n)*  （已与上年报告 [^\n]*pingtan-2021\.txt 核对衔接）/);
    for (const name of ['hongze-2024', 'pingtan-2022']) expect(of(name).findings.filter((f) => f.rule === 'carry.t3')).toEqual([]);
  }, 60_000);

  it('writes an HTML report with the failing cells of each report marked', async () => {
    const out = join(root, 'fixtures.html');
    await nianbao(root, 'check', FIXTURES, '--report', out, '--summary');
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<section class="report"/g)).toHaveLength(lines.length);
    expect(html).toMatch(/<td class="nb-value nb-error" data-cell="t4\.review\.total"/);
    expect(html).toMatch(/<td class="nb-value nb-warning" data-cell="t3\.new\.total" title="[^"]*区政府办代表区政府/);
  }, 60_000);
});
