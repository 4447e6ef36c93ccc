/**
 * Hostile zip packages made from a real one: a bomb in one part, a central directory that lies about sizes, too
 * many entries, an encrypted entry. Generated at test time, never checked in.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** `bytes` with the part `name` replaced by `size` bytes of spaces (deflated to about a thousandth of that). */
export function withBombPart(bytes: Uint8Array, name: string, size: number): Uint8Array<ArrayBuffer> {
  const parts: Zippable = { ...unzipSync(bytes) };
  parts[name] = [new Uint8Array(size).fill(0x20), { level: 1 }];
  return zipSync(parts) as Uint8Array<ArrayBuffer>;
}

/** A zip whose headers say every entry inflates to `claimed` bytes (the reader must count what really comes out). */
export function lyingSizes(bytes: Uint8Array, claimed: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, claimed, true);
    else if (sig === 0x02014b50) view.setUint32(i + 24, claimed, true);
  }
  return out;
}

/** A package with `count` small entries besides `keep`'s. */
export function manyEntries(count: number, keep: Zippable = {}): Uint8Array {
  const parts: Zippable = { ...keep };
  for (let i = 0; i < count; i++) parts[`pad/${i}.xml`] = new Uint8Array([0x3c, 0x61, 0x2f, 0x3e]);
  return zipSync(parts, { level: 0 });
}

/** Sets the "encrypted" flag on every entry. */
export function encryptedFlag(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint16(i + 6, view.getUint16(i + 6, true) | 1, true);
    else if (sig === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
  }
  return out;
}
