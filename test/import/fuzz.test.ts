/**
 * The importer on hostile input: random text, truncated and mangled reports, random bytes, a large block of
 * noise. It must never throw, must always give a valid draft, and must finish (the time bound is the test
 * timeout: no timed assertions).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../shared/index.js';
import { importReport } from '../../shared/import/index.js';
import { FIXTURE_NAMES, fixtureBytes } from './support.js';

const FIXTURES = FIXTURE_NAMES.map((n) => fixtureBytes(n));
const texts = FIXTURES.map((b) => new TextDecoder().decode(b));

function sane(r: ReturnType<typeof importReport>) {
  const p = parseDraft(r.draft);
  if (!p.ok) throw new Error(JSON.stringify(p.errors.slice(0, 3)));
  expect(Array.isArray(r.findings)).toBe(true);
}

/** Characters that matter to the importer: digits, labels' letters, separators, markup. */
const alphabet = fc.constantFrom(...'0123456789 \t\n|（）()、.一二三四五六七总计其他规章第二十条项本年新收结转<>/td表格&;#x'.split(''), '行政许可', '（六）其他处理', '<td>', '<tr>', '</table>', '一、总体情况', '三、收到和处理政府信息公开申请情况');

describe('importer fuzz', () => {
  it('random text of importer-relevant pieces', () => {
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 400 }), (parts) => sane(importReport({ text: parts.join('') }))), { numRuns: 300 });
  });

  it('random unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (s) => sane(importReport({ text: s }))), { numRuns: 200 });
  });

  it('fixtures truncated, spliced and with characters dropped', () => {
    fc.assert(fc.property(fc.nat(texts.length - 1), fc.nat(), fc.nat(), fc.nat(50), (i, a, b, step) => {
      const t = texts[i]!;
      const cut = t.slice(0, a % (t.length + 1));
      const spliced = t.slice(0, a % t.length) + t.slice(b % t.length);
      const dropped = step ? [...t].filter((_, k) => k % (step + 2) !== 0).join('') : t;
      for (const text of [cut, spliced, dropped]) sane(importReport({ text }));
    }), { numRuns: 60 });
  });

  it('random bytes, as text, as .docx and as HTML', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
      sane(importReport({ bytes }));
      sane(importReport({ name: 'x.docx', bytes }));
      sane(importReport({ name: 'x.html', bytes }));
      const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]);
      sane(importReport({ bytes: zip }));
    }), { numRuns: 200 });
  });

  it('5 MB of noise finishes', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8);
    const pieces = ['0', '1', '7', ' ', '\t', '\n', '、', '一', '六', '其他', '总计', '（一）', '年', '报告', '第二十条', '行政许可', 'x', '<td>'];
    let s = '';
    while (s.length < 5_000_000) s += pieces[rand() % pieces.length];
    sane(importReport({ text: s }));
    // The same noise framed as a report: headings found, the tables full of junk.
    const framed = `某局2024年政府信息公开工作年度报告\n一、总体情况\n${s.slice(0, 1_000_000)}\n二、主动公开政府信息情况\n${s.slice(1_000_000, 2_500_000)}\n三、收到和处理政府信息公开申请情况\n${s.slice(2_500_000, 4_000_000)}\n四、政府信息公开行政复议、行政诉讼情况\n${s.slice(4_000_000)}`;
    sane(importReport({ text: framed }));
    // One long digit run in a row: the decoder must refuse, not enumerate.
    sane(importReport({ text: `某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量${'12345'.repeat(200_000)}` }));
  }, 30_000);
});
