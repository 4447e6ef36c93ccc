/** Positioned PDF text → lines and tab-separated table rows (layout.ts), on small pages built item by item. */
import { describe, expect, it } from 'vitest';
import { layoutText, type PdfPageText, type PdfTextItem } from '../../shared/import/pdf/layout.js';
import { scansAsValue, VALUE } from '../../shared/import/pdf/lines.js';

/** An item of `str` at x, baseline y (downwards), in a 10-unit font: CJK a full em a character, digits half. */
const item = (str: string, x: number, y: number, size = 10): PdfTextItem => ({
  str, x, y, size, vertical: false, w: [...str].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? size / 2 : size), 0),
});
const page = (items: PdfTextItem[]): PdfPageText => ({ width: 595, height: 842, items });
/** A row: label at x=80, figures right-aligned in 30-unit columns ending at 330, 360, … */
const row = (label: string, y: number, figures: string[]) => [
  item(label, 80, y), ...figures.map((f, i) => item(f, 330 + 30 * i - f.length * 5, y)),
];

describe('PDF text by position', () => {
  it('figures in neighbouring cells never run together, however close', () => {
    // 「3001」 ends at 330 and 「53」 starts at 350; 「4」 and 「3119」 are 5 units apart.
    const text = layoutText([page(row('一、本年新收政府信息公开申请数量', 300, ['3001', '53', '0', '0', '61', '4', '3119']))]);
    expect(text).toBe('一、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119');
  });

  it('a blank cell stays in its column', () => {
    const items = [...row('行政许可', 300, ['3', '+1', '5']), ...row('其他对外管理服务事项', 320, ['2', '0'])];
    expect(layoutText([page(items)]).split('\n')).toEqual(['行政许可\t3\t+1\t5', '其他对外管理服务事项\t2\t0\t']);
  });

  it('a label wrapped in a tall cell right under the previous row’s label is its own row’s (a printed workbook)', () => {
    const items = [
      ...row('行政许可', 300, ['0', '0', '0']),
      item('其他对外管理服务', 80, 312), ...row('', 318, ['3', '+1']).slice(1), item('事项', 80, 324),
      ...row('行政处罚', 336, ['2', '-1', '0']),
    ];
    expect(layoutText([page(items)]).split('\n')).toEqual(['行政许可\t0\t0\t0', '其他对外管理服务事项\t3\t+1\t', '行政处罚\t2\t-1\t0']);
  });

  it('a row of figures with no label after a row labelled by its centred cell stays unlabelled (and nothing throws)', () => {
    const items = [
      ...row('行政许可', 280, ['1', '2']),
      item('其他对外管理服务', 80, 312), ...row('', 318, ['3', '4']).slice(1), item('事项', 80, 324),
      ...row('', 345, ['5', '6']).slice(1),
    ];
    expect(layoutText([page(items)]).split('\n')).toEqual(['行政许可\t1\t2', '其他对外管理服务事项\t3\t4', '5\t6']);
  });

  it('a label wrapped in a vertically centred cell is joined to its figures', () => {
    const items = [
      ...row('（一）予以公开', 300, ['0', '0']),
      item('（二）部分公开（区分处理的，只计这一', 80, 320), ...row('', 327, ['4', '4']).slice(1), item('情形，不计其他情形）', 80, 334),
      ...row('1.属于国家秘密', 354, ['1', '1']),
    ];
    expect(layoutText([page(items)]).split('\n')).toEqual([
      '（一）予以公开\t0\t0', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t4', '1.属于国家秘密\t1\t1',
    ]);
  });

  it('page numbers and running heads go; a table continues on the next page', () => {
    const head = item('某区人民政府门户网站 政务公开', 150, 40);
    const one = page([head, item('正文第一段。', 80, 100), ...row('规章', 700, ['0', '0']), item('- 1 -', 280, 800)]);
    const two = page([head, ...row('行政规范性文件', 90, ['0', '5']), item('— 2 —', 280, 800)]);
    expect(layoutText([one, two]).split('\n')).toEqual(['正文第一段。', '规章\t0\t0', '行政规范性文件\t0\t5']);
  });

  it('a running head that is the report’s title stays once, where it first stands (it may be the only title)', () => {
    const head = item('某区人民政府2023年政府信息公开工作年度报告', 150, 40);
    const one = page([head, ...row('规章', 100, ['0', '0']), item('第 1 页，共 2 页', 260, 800)]);
    const two = page([head, ...row('行政规范性文件', 90, ['0', '5']), item('第 2 页，共 2 页', 260, 800)]);
    expect(layoutText([one, two]).split('\n')).toEqual(['某区人民政府2023年政府信息公开工作年度报告', '规章\t0\t0', '行政规范性文件\t0\t5']);
  });

  it('a paragraph wrapped at the right margin is one line; an indented line starts the next', () => {
    const full = '一二三四五六七八九十'.repeat(4); // 400 units wide: from 100 to 500
    const items = [item(full, 100, 100), item('续行。', 80, 118), item(full, 100, 136), item('又一段。', 80, 154),
      item('两端对齐的另一段文字', 100, 172), item(full.slice(2), 80, 190), item('末行。', 80, 208)];
    const [a, b, c] = layoutText([page(items)]).split('\n');
    expect(a).toBe(`${full}续行。`);
    expect(b).toBe(`${full}又一段。`);
    expect(c).toBe('两端对齐的另一段文字');
  });
});

describe('PDF text by position, on any arrangement', () => {
  it('fragments decide what is a figure exactly as VALUE does, a character at a time', async () => {
    const fc = await import('fast-check');
    const ch = fc.constantFrom(...'+-−－0１9９,，.．%/／—–无a 字'.split(''));
    fc.assert(fc.property(fc.array(ch, { maxLength: 8 }).map((a) => a.join('')), (s) => scansAsValue(s) === VALUE.test(s)), { numRuns: 20_000 });
    for (const s of ['-', '--', '---', '----', '-5', '－5', '−', '+', '5%', '5%%', '1,234.5', '无', '无无', '/', '—/-', '']) expect(scansAsValue(s)).toBe(VALUE.test(s));
  });

  it('thousands of runs printed over one another make one fragment (a hostile page: no longer quadratic)', () => {
    const items = Array.from({ length: 20_000 }, () => item('Some Agency 2024', 80, 100));
    const [line] = layoutText([page(items)]).split('\n');
    expect(line).toBe('Some Agency 2024'.repeat(20_000));
  });

  it('never throws and loses no text', async () => {
    const fc = await import('fast-check');
    const itemArb = fc.record({
      str: fc.oneof(fc.constantFrom('行政许可', '（三）不予公开', '1.属于', '0', '12', '3119', '-1', '/', '- 2 -'), fc.string({ maxLength: 6 })),
      x: fc.double({ min: 0, max: 590, noNaN: true }), y: fc.double({ min: 0, max: 840, noNaN: true }),
      size: fc.constantFrom(9, 10, 12, 16), vertical: fc.boolean(),
    }).map((i): PdfTextItem => ({ ...i, w: Math.max(1, i.str.length) * i.size }));
    fc.assert(fc.property(fc.array(fc.array(itemArb, { maxLength: 40 }), { minLength: 1, maxLength: 3 }), (pages) => {
      const text = layoutText(pages.map(page));
      const squash = (s: string) => s.replace(/\s+/g, '');
      for (const p of pages) for (const i of p) {
        // Page numbers in a margin are dropped on purpose; everything else is somewhere in the text.
        if (/^\s*[-—]?\s*\d+\s*[-—]?\s*$/.test(i.str) || !i.str.trim()) continue;
        if (i.y < 100 || i.y > 725) continue;
        expect(squash(text)).toContain(squash(i.str));
      }
    }), { numRuns: 300, examples: [[[[{ str: ':', x: 0, y: 100, size: 9, vertical: false, w: 9 }], [{ str: '/', x: 0, y: 0, size: 9, vertical: false, w: 9 }]]]] });
  });
});

describe('columns from the table header', () => {
  it('a column blank in every row keeps its place under its header', () => {
    const header = [item('信息内容', 100, 280), item('上一年项目数量', 270, 280), item('本年增/减', 370, 280), item('处理决定数量', 450, 280)];
    // Figures centred under 上一年项目数量 (305) and 处理决定数量 (480); nothing under 本年增/减.
    const items = [...header, item('行政许可', 80, 300), item('3', 302.5, 300), item('5', 477.5, 300),
      item('其他对外管理服务事项', 80, 320), item('12', 300, 320), item('7', 477.5, 320)];
    expect(layoutText([page(items)]).split('\n')).toEqual([
      '信息内容\t上一年项目数量\t本年增/减\t处理决定数量', '行政许可\t3\t\t5', '其他对外管理服务事项\t12\t\t7',
    ]);
  });
});
