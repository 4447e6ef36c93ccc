/** A1-style addresses and ranges: 0-based (row, col) ↔ 'B5', runs of cells → 'B5:B9'. */

export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function address(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnName(col)}$${row + 1}` : `${columnName(col)}${row + 1}`;
}

/** 'B5' or '$B$5' → 0-based position; undefined when it is not a single-cell address. */
export function parseAddress(a: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(a.trim().toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export interface Rect { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number }

export function rangeOf(r: Rect, absolute = false): string {
  const a = address(r.top, r.left, absolute);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${address(r.bottom, r.right, absolute)}`;
}

/** 'B5:D9', "'表'!$B$5:$D$9" or 'B5' → the rectangle (sheet name ignored). */
export function parseRange(ref: string): Rect | undefined {
  const body = ref.includes('!') ? ref.slice(ref.lastIndexOf('!') + 1) : ref;
  const [a = '', b = a] = body.split(':');
  const p = parseAddress(a), q = parseAddress(b);
  if (!p || !q) return undefined;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** Sheet names are always quoted in references (they are Chinese); quotes inside are doubled. */
export function sheetRef(sheetName: string, r: Rect): string {
  return `'${sheetName.replace(/'/g, "''")}'!${rangeOf(r, true)}`;
}

/**
 * Cells as few ranges as possible, in the given order: consecutive cells along one row or one column become
 * one range. Used inside formulas (absolute references).
 */
export function compactRanges(cells: readonly { row: number; col: number }[], absolute = true): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < cells.length) {
    const start = cells[i]!;
    let j = i + 1;
    const next = cells[j];
    if (next && next.row === start.row && next.col === start.col + 1) {
      while (cells[j] && cells[j]!.row === start.row && cells[j]!.col === start.col + (j - i)) j++;
    } else if (next && next.col === start.col && next.row === start.row + 1) {
      while (cells[j] && cells[j]!.col === start.col && cells[j]!.row === start.row + (j - i)) j++;
    }
    const end = cells[j - 1]!;
    out.push(rangeOf({ top: start.row, left: start.col, bottom: end.row, right: end.col }, absolute));
    i = j;
  }
  return out;
}
