/**
 * The thread that reads PDFs for this one (extract.ts runs there). pdf.js needs its thread's globals set up for
 * reading text (see extract.ts) and a hostile file can keep it busy or make it allocate without end: in a thread of
 * its own both stay there. A file not read in TIMEOUT_MS ends the thread (really stopping pdf.js, not only the
 * waiting for it), and so does running out of its heap; the next file gets a new thread. Files are read one at a
 * time, in the order asked: pdf.js keeps one core busy either way, and the time limit is then the file's own.
 *
 * The thread does not keep the process alive while it has nothing to do, and ends after IDLE_MS of that, giving its
 * memory back to a long-running server. (The text of a PDF read before is kept by whoever asks: document.ts.)
 */
import { Worker } from 'node:worker_threads';
import { threadEntry, type ThreadEntry } from '../../thread-entry.js';
import type { PdfRead } from './extract.js';

/** A PDF that pdf.js has not read in this time is given up (a malformed file must not hang the CLI). */
const TIMEOUT_MS = 30_000;
const IDLE_MS = 30_000;
/** A report needs a few megabytes of pdf.js heap; a file that needs this much is not one. */
const HEAP_MB = 512;
/**
 * pdf.js makes short-lived objects by the million (tokens, text items, font tables): twice V8's default young
 * generation (48 MB, semi-spaces of 16) halves the scavenges and was faster in 6 of 6 paired runs (2–9 %), for
 * 20–70 MB more resident while the thread lives (it ends when idle).
 */
const YOUNG_MB = 96;
interface Job { readonly bytes: Uint8Array; readonly resolve: (r: PdfRead) => void }

export interface PdfThreadOptions {
  /** The thread's entry (tests give a stand-in). */
  readonly script?: URL;
  readonly timeoutMs?: number;
  readonly idleMs?: number;
}

export class PdfThread {
  private readonly entry: ThreadEntry;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
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
  }

  /** The text of a PDF, or why there is none. Never rejects. */
  read(bytes: Uint8Array): Promise<PdfRead> {
    return new Promise<PdfRead>((resolve) => {
      this.queue.push({ bytes, resolve });
      this.next();
    });
  }

  private start(): Worker {
    // execArgv: [] so that the parent's flags (-e, --cpu-prof, …) are not inherited by the thread.
    this.started++;
    const w = new Worker(this.entry.script, { argv: [...this.entry.argv], execArgv: [], resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: YOUNG_MB } });
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
      this.idle = setTimeout(() => this.retire(), this.idleMs);
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
