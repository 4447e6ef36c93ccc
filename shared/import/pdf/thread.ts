/**
 * The thread that reads PDFs for this one (extract.ts runs there). pdf.js needs its thread's globals set up for
 * reading text (see extract.ts) and a hostile file can keep it busy or make it allocate without end: in a thread of
 * its own both stay there. A file not read in TIMEOUT_MS ends the thread (really stopping pdf.js, not only the
 * waiting for it), and so does running out of its heap; the next file gets a new thread. Files are read one at a
 * time, in the order asked: pdf.js keeps one core busy either way, and the time limit is then the file's own.
 *
 * The thread does not keep the process alive while it has nothing to do, and ends after IDLE_MS of that, giving its
 * memory (and the texts kept, see TextMemo) back to a long-running server.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { threadEntry, type ThreadEntry } from '../../thread-entry.js';
import type { PdfRead } from './extract.js';

/** A PDF that pdf.js has not read in this time is given up (a malformed file must not hang the CLI). */
const TIMEOUT_MS = 30_000;
const IDLE_MS = 30_000;
/** A report needs a few megabytes of pdf.js heap; a file that needs this much is not one. */
const HEAP_MB = 512;
/** Text kept from PDFs already read (UTF-16 bytes): about 1,500 reports. */
const MEMO_BYTES = 32 * 1024 * 1024;

/**
 * The texts of PDFs read before, by content. A batch check reads every file twice — once to pair each report with
 * last year's of the same agency, once to check it — and a PDF is the one kind whose reading costs tens of
 * milliseconds. Entries are kept until the budget is spent and not evicted after: the batch's second pass goes
 * through the files in the order of its first, so evicting the oldest would drop each text just before it is asked
 * for again; this way a batch larger than the budget still finds its first 1,500 reports.
 */
class TextMemo {
  private readonly texts = new Map<string, PdfRead>();
  private bytes = 0;
  constructor(readonly budget: number) {}
  static key(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('base64');
  }
  get(key: string): PdfRead | undefined {
    return this.texts.get(key);
  }
  /** Only texts read: a refusal (a scan, a timeout, a broken file) is cheap to repeat, or may go the other way. */
  put(key: string, r: PdfRead): void {
    if (!r.ok || this.bytes + r.text.length * 2 > this.budget) return;
    this.texts.set(key, r);
    this.bytes += r.text.length * 2;
  }
}

interface Job { readonly bytes: Uint8Array; readonly key: string; readonly resolve: (r: PdfRead) => void }

export interface PdfThreadOptions {
  /** The thread's entry (tests give a stand-in). */
  readonly script?: URL;
  readonly timeoutMs?: number;
  readonly idleMs?: number;
  /** Bytes of text kept from PDFs read (0: none). */
  readonly memoBytes?: number;
}

export class PdfThread {
  private readonly entry: ThreadEntry;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private memo: TextMemo;
  /** Files asked for and not read yet, by content: the same file asked twice is read once. */
  private readonly reading = new Map<string, Promise<PdfRead>>();
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: ReturnType<typeof setTimeout> } | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;
  /** Threads started so far (tests: a thread is replaced after a timeout or a crash, and reused otherwise). */
  started = 0;

  constructor(options: PdfThreadOptions = {}) {
    this.entry = options.script ? { script: options.script, argv: [] } : threadEntry('pdf-worker', new URL('./worker.ts', import.meta.url));
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.memo = new TextMemo(options.memoBytes ?? MEMO_BYTES);
  }

  /** The text of a PDF, or why there is none. Never rejects. */
  read(bytes: Uint8Array): Promise<PdfRead> {
    const key = TextMemo.key(bytes);
    const known = this.memo.get(key);
    if (known) return Promise.resolve(known);
    let reading = this.reading.get(key);
    if (!reading) {
      reading = new Promise<PdfRead>((resolve) => {
        this.queue.push({ bytes, key, resolve });
        this.next();
      }).finally(() => this.reading.delete(key));
      this.reading.set(key, reading);
    }
    return reading;
  }

  private start(): Worker {
    // execArgv: [] so that the parent's flags (-e, --cpu-prof, …) are not inherited by the thread.
    this.started++;
    const w = new Worker(this.entry.script, { argv: [...this.entry.argv], execArgv: [], resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    w.on('message', (m: PdfRead) => this.finish(w, m));
    // Out of heap, or a crash inside pdf.js: the file could not be read; the next one gets a new thread.
    w.on('error', () => this.finish(w, { ok: false, reason: 'pdf-corrupt' }, true));
    w.on('exit', () => this.finish(w, { ok: false, reason: 'pdf-corrupt' }, true));
    return w;
  }

  private next(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      clearTimeout(this.idle);
      this.idle = setTimeout(() => {
        this.retire();
        this.memo = new TextMemo(this.memo.budget);
      }, this.idleMs);
      this.idle.unref();
      return;
    }
    clearTimeout(this.idle);
    const w = (this.worker ??= this.start());
    w.ref();
    const timer = setTimeout(() => this.finish(w, { ok: false, reason: 'pdf-timeout' }, true), this.timeoutMs);
    this.current = { job, timer };
    // A copy moved to the thread: the caller keeps its bytes.
    const copy = new Uint8Array(job.bytes);
    w.postMessage(copy, [copy.buffer]);
  }

  /** The current file's result (from `w`, unless `w` was already replaced); `end` retires the thread. */
  private finish(w: Worker, result: PdfRead, end = false): void {
    if (w !== this.worker) return;
    if (end) this.retire();
    const done = this.current;
    this.current = undefined;
    if (done) {
      clearTimeout(done.timer);
      this.memo.put(done.job.key, result);
      done.job.resolve(result);
    }
    this.next();
  }

  /** Ends the thread (idle, or given up on): a later read starts a new one. */
  private retire(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}

let thread: PdfThread | undefined;

/** Reads a PDF in this thread's PDF thread (started on first use). */
export function readPdfInThread(bytes: Uint8Array): Promise<PdfRead> {
  return (thread ??= new PdfThread()).read(bytes);
}
