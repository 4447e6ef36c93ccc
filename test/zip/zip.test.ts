/** The core's one zip reader: what it reads, and the limits it keeps whatever the headers say. */
import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readZip, ZIP_LIMITS } from '../../shared/zip.js';
import { encryptedFlag, lyingSizes, manyEntries } from '../support/hostile-zips.js';

const small = { maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 2 << 20 };
const all = () => true;

describe('readZip', () => {
  it('reads the wanted entries, stored or deflated, and lists every name', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a>一</a>'), 'b.bin': [new Uint8Array(1000).fill(7), { level: 0 }], 'c.xml': strToU8('c') });
    const r = readZip(zip, (n) => n !== 'c.xml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new TextDecoder().decode(r.files.get('a.xml'))).toBe('<a>一</a>');
    expect(r.files.get('b.bin')).toEqual(new Uint8Array(1000).fill(7));
    expect(r.files.has('c.xml')).toBe(false);
    expect(r.names).toEqual(['a.xml', 'b.bin', 'c.xml']);
  });

  it('refuses a directory with more entries than the limit before inflating anything', () => {
    expect(readZip(manyEntries(11), all, small)).toEqual({ ok: false, reason: 'too-many-entries' });
    expect(readZip(manyEntries(10), all, small).ok).toBe(true);
  });

  it('stops an entry at the limit counted on what inflates, when the headers claim it is tiny', () => {
    const bomb = lyingSizes(zipSync({ 'x.xml': [new Uint8Array(3 << 20).fill(0x20), { level: 9 }] }), 100);
    expect(readZip(bomb, all, small)).toEqual({ ok: false, reason: 'too-large', entry: 'x.xml' });
  });

  it('keeps a limit on all the entries together', () => {
    const part = new Uint8Array(900 << 10).fill(0x41);
    const zip = zipSync({ 'a': part, 'b': part, 'c': part });
    expect(readZip(zip, all, small)).toMatchObject({ ok: false, reason: 'too-large', entry: 'c' });
    expect(readZip(zip, (n) => n !== 'c', small).ok).toBe(true);
  });

  it('refuses an encrypted entry and says what is wrong with a file that is not a zip', () => {
    expect(readZip(encryptedFlag(zipSync({ 'a': strToU8('a') })), all)).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(readZip(strToU8('PK no zip at all'), all)).toEqual({ ok: false, reason: 'not-zip' });
  });

  it('never throws on a damaged package: any truncation or flipped byte is a reason, not a crash', () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document>'.repeat(200)), 'b': strToU8('bbbb') });
    fc.assert(fc.property(fc.nat(zip.length - 1), fc.nat(255), fc.boolean(), (at, byte, cut) => {
      const bytes = cut ? zip.slice(0, at) : zip.slice();
      if (!cut) bytes[at] = byte;
      const r = readZip(bytes, all);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 400 });
  });

  it('has limits far above any real report and far below what hurts a server', () => {
    expect(ZIP_LIMITS.maxEntryBytes).toBeGreaterThanOrEqual(16 << 20);
    expect(ZIP_LIMITS.maxTotalBytes).toBeLessThanOrEqual(256 << 20);
  });
});
