/**
 * Loading pdf.js (its legacy build carries core-js) must not leave Node's own Array.prototype.push and JSON.parse
 * replaced by slower polyfills in the thread that asked for a PDF (issue 11): pdf.js runs in a thread of its own
 * (shared/import/pdf/thread.ts), where extract.ts puts them back too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readPdf } from '../../shared/import/pdf/read.js';
import { FIXTURES_DIR } from './support.js';

it('reading a PDF keeps the native Array.prototype.push and JSON.parse', async () => {
  const { push } = Array.prototype;
  const { parse } = JSON;
  const r = await readPdf(new Uint8Array(readFileSync(join(FIXTURES_DIR, '../pdf/hongze-2024.pdf'))));
  expect(r.ok).toBe(true);
  expect(Array.prototype.push).toBe(push);
  expect(JSON.parse).toBe(parse);
  const xs = [1];
  xs.push(2, 3);
  expect(xs).toEqual([1, 2, 3]);
  expect(JSON.parse('{"a":[1]}')).toEqual({ a: [1] });
}, 30_000);
