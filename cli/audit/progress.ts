/** A progress bar on stderr, drawn only when stderr is a terminal, at most every 100 ms. */
import type { Output } from '../io.js';
import { fitTail } from './width.js';

export interface Progress {
  update(done: number, current?: string): void;
  /** Writes a line above the bar (e.g. an unreadable file) without breaking it. */
  note(line: string): void;
  /** Takes the bar off the line, before something else writes to the same terminal; the next update redraws it. */
  clear(): void;
  done(): void;
}

/** No bar: notes are plain lines. */
const plain = (out: Output): Progress => ({ update() {}, note: (line) => void out.write(`${line}\n`), clear() {}, done() {} });

export function progressBar(out: Output, label: string, total: number, now: () => number = Date.now): Progress {
  if (!out.isTTY || total <= 0) return plain(out);
  const width = Math.max(40, Math.min(out.columns ?? 80, 120));
  let last = -Infinity, drawn = false;
  const draw = (done: number, current = '') => {
    const counter = `${done}/${total}`;
    const barWidth = Math.max(10, Math.min(30, width - 50));
    const filled = Math.round((barWidth * done) / total);
    const pct = `${String(Math.floor((100 * done) / total)).padStart(3)}%`;
    const head = `${label} [${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${pct} ${counter} `;
    const room = width - 1 - (label.length * 2 + barWidth + counter.length + 9);
    out.write(`\r\x1b[K${head}${room > 8 && current ? fitTail(current, room).trimEnd() : ''}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) out.write('\r\x1b[K');
    drawn = false;
  };
  return {
    update(done, current) {
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      draw(done, current);
    },
    note(line) {
      clear();
      out.write(`${line}\n`);
      last = -Infinity;
    },
    clear() {
      clear();
      last = -Infinity;
    },
    done: clear,
  };
}
