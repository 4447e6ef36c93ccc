/**
 * What the slow readers made of a file (a PDF through pdf.js, a Word 97–2003 file, a web page with its chrome),
 * by the file's content. A batch check reads every file twice — once to pair each report with last year's of the
 * same agency, once to check it — and these are the kinds whose reading costs milliseconds to tens of them; text,
 * .docx and HTML fragments cost about what the hash would, and are not kept.
 *
 * Entries are kept until the budget is spent and not evicted after: the batch's second pass goes through the files
 * in the order of its first, so evicting the oldest would drop each text just before it is asked for again; this
 * way a batch larger than the budget still finds its first ones. A file asked for while it is being read waits for
 * that reading. Only texts read are kept: a refusal (a scan, a timeout, a broken file) is cheap to repeat, or may
 * go the other way. After IDLE_MS without a question everything is let go (a long-running process gets its memory
 * back).
 */
import { createHash } from 'node:crypto';

/** Text kept (UTF-16 bytes): about 1,500 reports. */
const BUDGET_BYTES = 32 * 1024 * 1024;
const IDLE_MS = 30_000;

export interface Kept { readonly ok: boolean; readonly text?: string }

export class ReadMemo<T extends Kept> {
  private readonly kept = new Map<string, T>();
  private readonly reading = new Map<string, Promise<T>>();
  private bytes = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly budget = BUDGET_BYTES, private readonly idleMs = IDLE_MS) {}

  /** `read()`'s result for this content, read once. `kind` keeps apart what different readers made of the same bytes. */
  async get(kind: string, content: Uint8Array | string, read: () => Promise<T>): Promise<T> {
    this.touch();
    const key = `${kind}:${createHash('sha256').update(content).digest('base64')}`;
    const known = this.kept.get(key) ?? this.reading.get(key);
    if (known) return known;
    const reading = read().then((r) => {
      this.put(key, r);
      return r;
    }).finally(() => this.reading.delete(key));
    this.reading.set(key, reading);
    return reading;
  }

  private put(key: string, r: T): void {
    const size = (r.text?.length ?? 0) * 2;
    if (!r.ok || this.bytes + size > this.budget) return;
    this.kept.set(key, r);
    this.bytes += size;
  }

  private touch(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.kept.clear();
      this.bytes = 0;
    }, this.idleMs);
    this.idle.unref();
  }
}
