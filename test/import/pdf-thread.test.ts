/**
 * The PDF thread (shared/import/pdf/thread.ts) with a stand-in entry: files are read in order, one at a time; a file
 * that takes too long or takes the thread down is reported as such and the next file gets a new thread; the thread
 * is reused otherwise and ended when idle. The real entry is exercised by pdf.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PdfThread } from '../../shared/import/pdf/thread.js';

const script = new URL('./support/pdf-thread-stand-in.mjs', import.meta.url);
const file = (text: string) => new TextEncoder().encode(text);
/** What the stand-in answers for the `n`th file its thread was sent. */
const text = (text: string, n: number) => ({ ok: true, text: `${text}#${n}`, pages: 1 });

describe('PdfThread', () => {
  it('reads files in the order given, in one thread, and leaves the caller’s bytes alone', async () => {
    const thread = new PdfThread({ script });
    const a = file('a');
    const results = await Promise.all(['a', 'b', 'c'].map((t, i) => thread.read(i === 0 ? a : file(t))));
    expect(results).toEqual([text('a', 1), text('b', 2), text('c', 3)]);
    expect(thread.started).toBe(1);
    expect(a.byteLength).toBe(1); // not detached by the transfer
  });

  it('gives up on a file past the time limit, ends its thread, and reads the files queued behind it', async () => {
    const thread = new PdfThread({ script, timeoutMs: 300 });
    const t0 = performance.now();
    const results = await Promise.all([thread.read(file('hang')), thread.read(file('after'))]);
    expect(results).toEqual([{ ok: false, reason: 'pdf-timeout' }, text('after', 1)]);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(thread.started).toBe(2);
  });

  it('a file that ends the thread or exhausts its heap is unreadable; the process and the next file are fine', async () => {
    const thread = new PdfThread({ script });
    expect(await thread.read(file('crash'))).toEqual({ ok: false, reason: 'pdf-corrupt' });
    expect(await thread.read(file('oom'))).toEqual({ ok: false, reason: 'pdf-corrupt' });
    expect(await thread.read(file('fine'))).toEqual(text('fine', 1));
    expect(thread.started).toBe(3);
  }, 60_000);

  it('ends an idle thread and starts a new one for the next file', async () => {
    const thread = new PdfThread({ script, idleMs: 50 });
    expect(await thread.read(file('one'))).toEqual(text('one', 1));
    await new Promise((r) => setTimeout(r, 300));
    expect(await thread.read(file('two'))).toEqual(text('two', 1));
    expect(thread.started).toBe(2);
  });

  it('reads every file it is sent, the same bytes again too (keeping texts is the caller’s: read-memo.ts)', async () => {
    const thread = new PdfThread({ script });
    expect(await Promise.all([thread.read(file('same')), thread.read(file('same'))])).toEqual([text('same', 1), text('same', 2)]);
    expect(thread.started).toBe(1);
  });
});
