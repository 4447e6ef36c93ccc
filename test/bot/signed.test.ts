/** Signed tokens: only the exact signature passes (also after the token was verified once and remembered). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Signer } from '../../bot/channels/signed.js';

describe('Signer', () => {
  it('refuses a token whose signature is spelled differently, even where base64 decodes it to the same bytes', () => {
    const signer = new Signer(randomBytes(32));
    const exp = Date.now() + 60_000;
    for (let i = 0; i < 40; i++) {
      const token = signer.sign('download', { d: `draft-${i}`, exp });
      expect(signer.verify('download', token)).toEqual({ d: `draft-${i}`, exp });
      const last = token.at(-1)!;
      // the last character of a 32-byte signature holds 4 bits: its neighbours differ only in the spare bits
      for (const other of ['A', 'B', 'C', 'D', 'E', 'Q', 'g', 'w']) {
        if (other !== last) expect(signer.verify('download', token.slice(0, -1) + other)).toBeUndefined();
      }
    }
  });

  it('a remembered token still expires and is never valid for another purpose', () => {
    const signer = new Signer(randomBytes(32));
    const token = signer.sign('directline', { c: 'c1', u: 'u1', exp: 1_000 });
    expect(signer.verify('directline', token, 999)).toEqual({ c: 'c1', u: 'u1', exp: 1_000 });
    expect(signer.verify('directline', token, 1_000)).toBeUndefined();
    expect(signer.verify('download', token, 999)).toBeUndefined();
  });
});
