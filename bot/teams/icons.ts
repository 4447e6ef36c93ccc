/**
 * The two Teams app icons, drawn here (no image files to keep in step): color 192×192 (a white report sheet on the
 * accent red) and outline 32×32 (white on transparent), as PNG.
 */
import { encodePng, type Rgba } from '../../shared/render/png.js';

export const ACCENT = '#B71C1C';
const RED: Rgba = [0xb7, 0x1c, 0x1c, 255];
const WHITE: Rgba = [255, 255, 255, 255];

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
  return encodePng(192, 192, (x, y) => (sheet(x, y, 192, false) ? WHITE : RED));
}

export function outlineIcon(): Uint8Array {
  return encodePng(32, 32, (x, y) => (sheet(x, y, 32, true) ? WHITE : undefined));
}
