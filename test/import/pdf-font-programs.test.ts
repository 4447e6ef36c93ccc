/**
 * Which embedded font programs the PDF reader hides from pdf.js (shared/import/pdf/font-programs.ts): those of
 * composite fonts with a /ToUnicode map, and no other; the file keeps its length and every other byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutFontPrograms } from '../../shared/import/pdf/font-programs.js';
import { FIXTURES_DIR } from './support.js';

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** Objects as a PDF writes them (no valid xref needed: only the object dictionaries are read). */
const pdf = (...objects: string[]) => bytes(`%PDF-1.7\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}%%EOF\n`);
const type0 = (descendant: number, toUnicode: boolean) =>
  `<</Type /Font/Subtype /Type0/BaseFont /AAAAAA+SimSun/Encoding /Identity-H/DescendantFonts [${descendant} 0 R]${toUnicode ? '/ToUnicode 9 0 R' : ''}>>`;
const cidFont = (descriptor: number) => `<</Type /Font/Subtype /CIDFontType2/BaseFont /AAAAAA+SimSun/FontDescriptor ${descriptor} 0 R/W [1 [500]]>>`;
const descriptor = (key: string, program: number) => `<</Type /FontDescriptor/FontName /AAAAAA+SimSun/Flags 32/${key} ${program} 0 R>>`;
const program = '<</Length 4>>\nstream\n\0\0\0\0\nendstream';

describe('withoutFontPrograms', () => {
  it('hides the program of a composite font with a /ToUnicode map, changing only that key, in place', () => {
    const input = pdf(type0(2, true), cidFont(3), descriptor('FontFile2', 4), program);
    const { bytes: out, hidden } = withoutFontPrograms(input);
    expect(hidden).toBe(1);
    expect(out.length).toBe(input.length);
    expect(latin1(out)).toBe(latin1(input).replace('/FontFile2 4 0 R', '/FontFilZ2 4 0 R'));
    expect(out).not.toBe(input);
    expect(latin1(input)).toContain('/FontFile2 4 0 R'); // the caller's bytes are not touched
  });

  it('keeps the program of a composite font without /ToUnicode: pdf.js may need it for the characters', () => {
    const input = pdf(type0(2, false), cidFont(3), descriptor('FontFile2', 4), program);
    expect(withoutFontPrograms(input)).toEqual({ bytes: input, hidden: 0 });
  });

  it('keeps a descendant’s program when one of the fonts sharing it has no map (H and V of one face)', () => {
    const input = pdf(type0(3, true), type0(3, false), cidFont(4), descriptor('FontFile3', 5), program);
    expect(withoutFontPrograms(input).hidden).toBe(0);
  });

  it('keeps the program of a simple font even with a map (LibreOffice’s subset Type 1 fonts need theirs)', () => {
    const input = pdf('<</Type/Font/Subtype/Type1/BaseFont/BAAAAA+Noto/FirstChar 0/LastChar 3/Widths[0 1000 1000 1000]/FontDescriptor 2 0 R/ToUnicode 9 0 R>>', descriptor('FontFile', 3), program);
    expect(withoutFontPrograms(input).hidden).toBe(0);
  });

  it('hides nothing it cannot see: descendants in an array object, dictionaries without a descriptor', () => {
    const input = pdf('<</Type /Font/Subtype /Type0/DescendantFonts 2 0 R/ToUnicode 9 0 R>>', '[3 0 R]', cidFont(4), descriptor('FontFile2', 5), program);
    expect(withoutFontPrograms(input).hidden).toBe(0);
    expect(withoutFontPrograms(bytes('not a pdf at all')).hidden).toBe(0);
  });

  it('hides all seven CJK programs of the WPS report (eight fonts: 宋体 is used across and down)', () => {
    const input = new Uint8Array(readFileSync(join(FIXTURES_DIR, '../pdf/hongze-2023.pdf')));
    const { bytes: out, hidden } = withoutFontPrograms(input);
    expect(hidden).toBe(7);
    expect(latin1(out).match(/\/FontFile2\b/gu)).toBeNull();
  });
});
