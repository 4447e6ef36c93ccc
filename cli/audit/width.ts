/** Terminal column widths of Chinese text: wide (CJK, full-width) characters take two columns. */

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Cut to at most `width` columns (an ellipsis marks the cut), then pad with spaces to exactly `width`. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  let out = s;
  if (displayWidth(s) > width) {
    out = '';
    let w = 0;
    for (const ch of s) {
      const cw = WIDE.test(ch) ? 2 : 1;
      if (w + cw > width - 1) break;
      out += ch;
      w += cw;
    }
    out += '…';
  }
  const pad = ' '.repeat(Math.max(0, width - displayWidth(out)));
  return align === 'left' ? out + pad : pad + out;
}

/** Cut from the left (file paths: the end is what tells them apart). */
export function fitTail(s: string, width: number): string {
  if (displayWidth(s) <= width) return fit(s, width);
  const chars = [...s];
  let out = '', w = 1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = WIDE.test(chars[i]!) ? 2 : 1;
    if (w + cw > width) break;
    out = chars[i]! + out;
    w += cw;
  }
  return fit(`…${out}`, width);
}
