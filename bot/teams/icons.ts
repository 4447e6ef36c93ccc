/**
 * The two Teams app icons, drawn here (no image files to keep in step): color 192×192 (a white report sheet on the
 * accent red) and outline 32×32 (white on transparent), as PNG.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) → PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0)),
  ]);
}

type Paint = (x: number, y: number) => [number, number, number, number] | undefined;

function draw(size: number, paint: Paint): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const c = paint(x, y);
    if (c) px.set(c, (y * size + x) * 4);
  }
  return encodePng(size, size, px);
}

export const ACCENT = '#B71C1C';
const RED: [number, number, number, number] = [0xb7, 0x1c, 0x1c, 255];
const WHITE: [number, number, number, number] = [255, 255, 255, 255];

/** A sheet with a title bar and ruled lines (a report), in a unit square scaled to `s`. */
function sheet(x: number, y: number, s: number, outlineOnly: boolean): boolean {
  const u = x / s, v = y / s;
  const inside = u >= 0.25 && u <= 0.75 && v >= 0.16 && v <= 0.84;
  if (!inside) return false;
  const edge = 1.6 / s;
  if (outlineOnly && (u < 0.25 + edge || u > 0.75 - edge || v < 0.16 + edge || v > 0.84 - edge)) return true;
  const line = (top: number) => v >= top && v <= top + 0.045 && u >= 0.32 && u <= 0.68;
  const rule = line(0.26) || line(0.40) || line(0.52) || line(0.64);
  return outlineOnly ? rule : !rule;
}

export function colorIcon(): Uint8Array {
  return draw(192, (x, y) => (sheet(x, y, 192, false) ? WHITE : RED));
}

export function outlineIcon(): Uint8Array {
  return draw(32, (x, y) => (sheet(x, y, 32, true) ? WHITE : undefined));
}
