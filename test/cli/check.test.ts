/** `nianbao check` on drafts, run as a user runs it: the real bin script in a child process. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDraft, natural } from '../support/drafts.js';
import { runNianbao } from '../support/cli.js';


const nianbao = (...args: string[]) => runNianbao(undefined, ...args);

let dir: string;
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
});

describe('nianbao check', () => {
  it('exits 1 on an inconsistent t3 and names the right cells', async () => {
    const d = buildDraft({ year: 2024, agency: '某区教育局', t3: { new: natural(7), granted: natural(7), total: [8, 0, 0, 0, 0, 0, 8] } });
    const r = await nianbao('check', file('bad.json', d));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('某区教育局 2024 年度，2021 年版格式');
    expect(r.stdout).toContain('三、收到和处理政府信息公开申请情况');
    expect(r.stdout).toContain('三、本年度办理结果（七）总计·自然人 应为 7（＝各办理结果之和），实为 8');
    expect(r.stdout).toContain('t3.total.natural');
    expect(r.stdout).toMatch(/共 \d+ 个错误/);
  });

  it('--json prints one SPEC §7 object per file', async () => {
    const bad = file('bad2.json', buildDraft({ year: 2024, t3: { new: natural(7), granted: natural(7), total: [8, 0, 0, 0, 0, 0, 8] } }));
    const good = file('good.json', buildDraft({ year: 2020, agency: '文登区天福街道办事处' }));
    const r = await nianbao('check', '--json', bad, good);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual(['file', 'year', 'format', 'agency', 'findings', 'summary']);
    const balance = lines[0].findings.find((f: { rule: string }) => f.rule === 't3.balance');
    expect(balance).toMatchObject({ severity: 'error', cells: ['t3.total.natural', 't3.carry-forward.natural', 't3.new.natural', 't3.carried.natural'], expected: 7, actual: 8 });
    expect(lines[1]).toMatchObject({ year: 2020, format: '2019', agency: '文登区天福街道办事处', findings: [], summary: { errors: 0, warnings: 0, infos: 0 } });
  });

  it('lists the blank cells of one row as one line, and a lone blank cell by itself', async () => {
    const d = buildDraft({ year: 2024, t3: { 'other.no-fee': ['', '', '', '', '', '', ''] }, t4: { review: [0, 0, 0, '', 0] } });
    const r = await nianbao('check', file('blanks.json', d));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('三、本年度办理结果（六）其他处理2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 有 7 格为空（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）');
    expect(r.stdout).toContain('行政复议·尚未审结 为空');
    expect(r.stdout).toContain('共 0 个错误、8 个警告');
  });

  it('exits 0 on a consistent draft', async () => {
    const r = await nianbao('check', file('ok.json', buildDraft({ year: 2024 })));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('未发现问题');
  });

  it('--previous runs the carry rules', async () => {
    const prev = file('2021.json', buildDraft({ year: 2021, t3: { new: natural(70), granted: natural(69), total: natural(69), 'carry-forward': natural(1) } }));
    const cur = file('2022.json', buildDraft({ year: 2022, t3: { new: natural(75), granted: natural(75), total: natural(75) } }));
    const r = await nianbao('check', '--json', '--previous', prev, cur);
    const line = JSON.parse(r.stdout);
    expect(line.findings.map((f: { rule: string }) => f.rule)).toContain('carry.t3');
    expect(r.code).toBe(0);
  });

  it('exits 2 on an unreadable or invalid file, saying why in Chinese', async () => {
    const r1 = await nianbao('check', join(dir, 'missing.json'));
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('文件不存在');
    const r2 = await nianbao('check', file('broken.json', '{"schema":'));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('不是有效的 JSON');
    const r3 = await nianbao('check', file('typo.json', { schema: 'nianbao.draft/1', year: 2024, cells: { 't3.new.natrual': '1' } }));
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('t3.new.natural');
  }, 30_000); // three processes on the TypeScript sources

  it('exits 2 on wrong usage', async () => {
    expect((await nianbao('check')).code).toBe(2);
    expect((await nianbao('check', '--bogus', 'x.json')).code).toBe(2);
    expect((await nianbao('frobnicate')).code).toBe(2);
    const help = await nianbao('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check');
  }, 30_000); // four processes on the TypeScript sources: seconds on a loaded machine
});
