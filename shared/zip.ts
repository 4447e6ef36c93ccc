/**
 * The one zip reader of the core, for every zip-based format (.docx, .xlsx). It reads the central directory itself
 * and inflates only the entries asked for, counting the bytes that really come out: a header may lie about sizes
 * (a zip bomb says 1 KB and inflates to gigabytes), so the limits are enforced on the inflated stream and the
 * reader stops at the first byte over them. Nothing is inflated before the directory passed the entry limit.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  /** Entries in the central directory (a real .xlsx has a few dozen). */
  readonly maxEntries: number;
  /** Inflated bytes of one entry. */
  readonly maxEntryBytes: number;
  /** Inflated bytes of all the entries read together. */
  readonly maxTotalBytes: number;
}

/** Generous for any real report or workbook (the largest real document.xml seen is under 2 MB). */
export const ZIP_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
});

export type ZipFailure = 'not-zip' | 'corrupt' | 'too-many-entries' | 'too-large' | 'unsupported';

export type ZipRead =
  | { readonly ok: true; readonly files: ReadonlyMap<string, Uint8Array>; readonly names: readonly string[] }
  | { readonly ok: false; readonly reason: ZipFailure; readonly entry?: string };

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to the inflater at a time: the limit is checked between slices. */
const SLICE = 16 * 1024;

class LimitExceeded extends Error {}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

function findEndOfDirectory(b: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) if (b[i] === 0x50 && u32(b, i) === EOCD) return i;
  return -1;
}

const utf8 = new TextDecoder('utf-8');

type Directory = { ok: true; entries: Entry[] } | { ok: false; reason: ZipFailure };

function readDirectory(b: Uint8Array, limits: ZipLimits): Directory {
  const end = findEndOfDirectory(b);
  if (end < 0) return { ok: false, reason: 'corrupt' };
  const count = u16(b, end + 10);
  const size = u32(b, end + 12);
  const offset = u32(b, end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { ok: false, reason: 'unsupported' }; // zip64
  if (count > limits.maxEntries) return { ok: false, reason: 'too-many-entries' };
  if (offset + size > end) return { ok: false, reason: 'corrupt' };
  const entries: Entry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || u32(b, p) !== CENTRAL) return { ok: false, reason: 'corrupt' };
    const nameLength = u16(b, p + 28);
    const next = p + 46 + nameLength + u16(b, p + 30) + u16(b, p + 32);
    if (next > end) return { ok: false, reason: 'corrupt' };
    entries.push({
      name: utf8.decode(b.subarray(p + 46, p + 46 + nameLength)),
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      localOffset: u32(b, p + 42),
    });
    p = next;
  }
  return { ok: true, entries };
}

/** The entry's compressed bytes, located through its local header (whose own sizes are not trusted). */
function compressedData(b: Uint8Array, e: Entry): Uint8Array | undefined {
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== LOCAL) return undefined;
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const stop = start + e.compressedSize;
  return stop > b.length ? undefined : b.subarray(start, stop);
}

/** Inflates `data`, throwing LimitExceeded as soon as more than `max` bytes came out. */
function inflateBounded(data: Uint8Array, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > max) throw new LimitExceeded();
    chunks.push(chunk);
  });
  for (let i = 0; i < data.length; i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads the entries `want` accepts, within `limits`. `names` lists every entry of the directory (for a reader that
 * decides what it wants by what is there). Never throws.
 */
export function readZip(bytes: Uint8Array, want: (name: string) => boolean, limits: ZipLimits = ZIP_LIMITS): ZipRead {
  if (!isZip(bytes)) return { ok: false, reason: 'not-zip' };
  const dir = readDirectory(bytes, limits);
  if (!dir.ok) return dir;
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of dir.entries) {
    if (files.has(e.name) || !want(e.name)) continue; // a duplicated name: the first entry counts, as in Office
    if (e.flags & 1) return { ok: false, reason: 'unsupported', entry: e.name };
    const data = compressedData(bytes, e);
    if (!data) return { ok: false, reason: 'corrupt', entry: e.name };
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    let out: Uint8Array;
    try {
      if (e.method === 0) {
        if (data.length > room) throw new LimitExceeded();
        out = data;
      } else if (e.method === 8) {
        out = inflateBounded(data, room);
      } else {
        return { ok: false, reason: 'unsupported', entry: e.name };
      }
    } catch (err) {
      return { ok: false, reason: err instanceof LimitExceeded ? 'too-large' : 'corrupt', entry: e.name };
    }
    total += out.length;
    files.set(e.name, out);
  }
  return { ok: true, files, names: dir.entries.map((e) => e.name) };
}
