/**
 * Makes SQLite commits durable off the event loop. SQLite runs with `synchronous = NORMAL`, so a COMMIT writes its
 * WAL frames to the file (the OS cache) without an fsync; `durable()` resolves once an fsync of the WAL file that
 * began after the call has finished — only then may a turn be acknowledged. The fsync runs on libuv's thread pool,
 * so the bot keeps taking other turns meanwhile (the WASM VFS's own fsync is synchronous and blocked every turn),
 * and commits made while one fsync runs share the next one. Together that is what `synchronous = FULL` promises
 * (each acknowledged commit synced), a kill -9 or a power cut included; SQLite itself still syncs the WAL and the
 * database file around each checkpoint.
 */
import fs from 'node:fs';
import { dirname } from 'node:path';

interface Waiter { resolve: () => void; reject: (e: unknown) => void }

/** The callback API: the promise one (FileHandle) cost the event loop several times as much per fsync. */
function call<T>(fn: (cb: (e: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v as T))));
}

export class WalSync {
  private waiting: Waiter[] = [];
  private running: Promise<void> | undefined;
  /** The directory entry of a new WAL file must be synced once, too. */
  private dirSynced = false;

  constructor(private readonly walFile: string) {}

  /** Resolves when everything written to the WAL before this call is on disk. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = this.sync().then(
      () => batch.forEach((w) => w.resolve()),
      (e: unknown) => batch.forEach((w) => w.reject(e)),
    ).finally(() => {
      this.running = undefined;
      if (this.waiting.length) this.start(); // commits made during that fsync: the next one covers them
    });
  }

  /**
   * One descriptor kept open: SQLite keeps its WAL file (same inode) while the database is open, truncating or
   * rewriting it in place, and an fsync through any descriptor flushes the file.
   */
  private fd: number | undefined;

  private async sync(): Promise<void> {
    this.fd ??= await call<number>((cb) => fs.open(this.walFile, 'r', cb));
    const fd = this.fd;
    await call<void>((cb) => fs.fsync(fd, cb));
    if (!this.dirSynced) {
      const dir = await call<number>((cb) => fs.open(dirname(this.walFile), 'r', cb));
      try {
        await call<void>((cb) => fs.fsync(dir, cb));
      } finally {
        await call<void>((cb) => fs.close(dir, cb));
      }
      this.dirSynced = true;
    }
  }

  /** Waits for the fsyncs under way. */
  async drain(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Waits for the fsyncs under way and lets go of the WAL file. */
  async close(): Promise<void> {
    await this.drain();
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) await call<void>((cb) => fs.close(fd, cb));
  }
}
