/** The narrative expectations of ../shared/fixtures/README.md on the real reports, read by the importer. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../shared/import/index.js';
import type { Draft, Finding } from '../../shared/index.js';
import { checkNarrative, statedFigures } from '../../shared/narrative/index.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const DIR = FIXTURES_DIR;
const FIXTURE_NAMES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4));
const drafts = new Map<string, Draft>();
const fixtureDraft = (name: string): Draft => {
  let d = drafts.get(name);
  if (!d) drafts.set(name, (d = importReport({ name: `${name}.txt`, text: readFileSync(`${DIR}${name}.txt`, 'utf8') }).draft));
  return d;
};

const findings = (name: string, rule?: string): Finding[] =>
  checkNarrative(fixtureDraft(name)).filter((f) => !rule || f.rule === rule);

describe('fixtures: narrative checks', () => {
  it.each(FIXTURE_NAMES)('%s: narrative findings are warnings or infos, never errors', (name) => {
    expect(findings(name).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each(FIXTURE_NAMES)('%s: states its statistics period and contact details (no meta.*)', (name) => {
    expect(findings(name).filter((f) => f.rule.startsWith('meta.'))).toEqual([]);
  });

  it('huaian-2024: every figure of the narrative is read and agrees — no narrative.figure, no artifact', () => {
    const d = fixtureDraft('huaian-2024');
    const values = statedFigures(d.narrative['overview.requests']!, '2021').map((s) => s.value);
    expect(values).toEqual(expect.arrayContaining([3119, 3050, 34, 103, 351, 72, 64, 178, 37, 46, 25, 5, 9, 7]));
    expect(findings('huaian-2024', 'narrative.figure')).toEqual([]);
    expect(findings('huaian-2024', 'narrative.fees')).toEqual([]);
    expect(findings('huaian-2024', 'text.artifact')).toEqual([]);
  });

  it('weihai-hitech-office-2020: 「共收到依申请公开信件7件」 is read and agrees with t3.new.total', () => {
    const d = fixtureDraft('weihai-hitech-office-2020');
    expect(statedFigures(d.narrative['overview.requests']!, '2019')).toContainEqual(expect.objectContaining({ value: 7, readings: [['t3.new.total']] }));
    expect(findings('weihai-hitech-office-2020', 'narrative.figure')).toEqual([]);
  });

  it('weihai-hitech-office-2020: the pasted web page (索引号, 发布日期, 访问次数) is a text.artifact in 一', () => {
    const meta = findings('weihai-hitech-office-2020', 'text.artifact').filter((f) => f.message.includes('网页信息'));
    expect(meta).toHaveLength(1);
    expect(meta[0]!.message).toMatch(/索引号/);
    expect(meta[0]!.message).toMatch(/^一、总体情况/);
  });

  it('weihai-hitech-social-2020: narrative.missing-part for the parts of 一 the format names and it lacks', () => {
    const messages = findings('weihai-hitech-social-2020', 'narrative.missing-part').map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining('平台建设'), expect.stringContaining('监督保障')]);
  });

  it('wendeng-tianfu-2020: no applications, yet 「积极受理和回复政府信息公开申请」 is pointed out', () => {
    const [f, ...rest] = findings('wendeng-tianfu-2020', 'narrative.figure');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', cells: ['t3.new.total', 't3.carried.total'] });
    expect(f!.message).toContain('积极受理和回复政府信息公开申请');
  });

  it('pingtan-2021: 收到70件, 办结69件, 1件结转 agree; 六 states that no fee was collected', () => {
    const d = fixtureDraft('pingtan-2021');
    expect(statedFigures(d.narrative['overview.requests']!, '2021').map((s) => s.value)).toEqual(expect.arrayContaining([70, 69, 1]));
    expect(findings('pingtan-2021', 'narrative.figure')).toEqual([]);
    expect(findings('pingtan-2021', 'narrative.fees')).toEqual([]);
  });

  it('pingtan-2022: 698 in force and 88 issued are read; 收到75件 counts the carried-over application and is pointed out', () => {
    const d = fixtureDraft('pingtan-2022');
    const proactive = statedFigures(d.narrative['overview.proactive']!, '2021').map((s) => s.value);
    expect(proactive).toEqual(expect.arrayContaining([698, 88]));
    const figures = findings('pingtan-2022', 'narrative.figure');
    expect(figures.map((f) => [f.cells, f.expected, f.actual])).toEqual([
      [['t3.new.total'], 74, 75], [['t3.new.natural'], 71, 72],
    ]);
    expect(figures[0]!.message).toContain('本年新收与上年结转之和（74＋1）');
  });

  it('hongze-2023: 受理21件 agrees; 六 states the fee (0 元)', () => {
    expect(findings('hongze-2023', 'narrative.figure')).toEqual([]);
    expect(findings('hongze-2023', 'narrative.fees')).toEqual([]);
  });

  it('hongze-2024: 「区政府办代表区政府受理…17件」 stays a warning naming its narrower scope', () => {
    const [f, ...rest] = findings('hongze-2024', 'narrative.figure');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', cells: ['t3.new.total'], expected: 95, actual: 17 });
    expect(f!.message).toContain('区政府办代表区政府');
  });

  it.each(FIXTURE_NAMES)('%s: 五 names concrete problems (no narrative.empty)', (name) => {
    expect(findings(name, 'narrative.empty')).toEqual([]);
  });
});
