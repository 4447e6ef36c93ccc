/** The add-in's icons, drawn as PNGs at build time (a white table grid on Excel green): no binary files in git. */
import { encodePng, type Rgba } from '../shared/render/png.js';

/** The icon: rounded green square, a white table with a header row and a red cell (a flagged total). */
export function icon(size: number): Uint8Array {
  const green: Rgba = [0x21, 0x73, 0x46, 255];
  const white: Rgba = [255, 255, 255, 255];
  const red: Rgba = [0xe5, 0x39, 0x35, 255];
  const r = Math.max(2, Math.round(size / 8));
  const m = Math.round(size * 0.2), cells = 3, inner = size - 2 * m, step = inner / cells;
  const line = Math.max(1, Math.round(size / 24));
  return encodePng(size, size, (x, y) => {
    const cx = Math.min(x, size - 1 - x), cy = Math.min(y, size - 1 - y);
    if (cx < r && cy < r && (r - cx - 0.5) ** 2 + (r - cy - 0.5) ** 2 > r * r) return undefined;
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

/** Every size the manifest names (shared/addin-manifest.ts), each drawn and served. */
export { ADDIN_ICON_SIZES as ICON_SIZES } from '../shared/addin-manifest.js';
