/** The add-in's icons, drawn as PNGs at build time (a white table grid on Excel green): no binary files in git. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array()),
  ]);
}

/** The icon: rounded green square, a white table with a header row and a red cell (a flagged total). */
export function icon(size: number): Buffer {
  const green: [number, number, number, number] = [0x21, 0x73, 0x46, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const red: [number, number, number, number] = [0xe5, 0x39, 0x35, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const r = Math.max(2, Math.round(size / 8));
  const m = Math.round(size * 0.2), cells = 3, inner = size - 2 * m, step = inner / cells;
  const line = Math.max(1, Math.round(size / 24));
  return png(size, (x, y) => {
    const cx = Math.min(x, size - 1 - x), cy = Math.min(y, size - 1 - y);
    if (cx < r && cy < r && (r - cx - 0.5) ** 2 + (r - cy - 0.5) ** 2 > r * r) return clear;
    if (x < m || y < m || x >= size - m || y >= size - m) return green;
    const gx = (x - m) / step, gy = (y - m) / step;
    const onLine = [0, 1, 2, 3].some((k) => Math.abs(x - (m + k * step)) < line || Math.abs(y - (m + k * step)) < line) ||
      x >= size - m - line || y >= size - m - line;
    if (onLine) return white;
    if (Math.floor(gy) === 0) return white;
    if (Math.floor(gx) === 2 && Math.floor(gy) === 2) return red;
    return green;
  });
}

export const ICON_SIZES = [16, 32, 64, 80] as const;
