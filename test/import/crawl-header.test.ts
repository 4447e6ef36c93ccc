/** A crawler's record around a report (「标题:」「发布时间:」「栏目:」, a 「正文」 rule) is not part of the report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../shared/index.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const FIXTURES = FIXTURES_DIR;

describe('crawler header', () => {
  it('pingtan-2021: title read from 「标题:」, the header lines kept out of the preamble', () => {
    const r = importReport({ name: 'pingtan-2021.txt', text: readFileSync(join(FIXTURES, 'pingtan-2021.txt'), 'utf8') });
    expect(r.draft.year).toBe(2021);
    expect(r.draft.agency.name).toBe('平潭综合实验区');
    expect(r.draft.narrative.preamble).toMatch(/^根据《中华人民共和国政府信息公开条例》/);
    expect(r.draft.narrative.preamble).not.toMatch(/发布时间|栏目|正文 =/);
  });

  it('metadata pasted into a report without a crawler title stays in the text for the narrative checks', () => {
    const text = '某局2024年政府信息公开工作年度报告\n发布时间: 2025-01-20\n本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n（一）主动公开\n略。';
    const r = importReport({ text });
    expect(r.draft.narrative.preamble).toContain('发布时间');
  });
});
