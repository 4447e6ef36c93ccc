/**
 * What the slow readers made of a file, kept by content (shared/import/read-memo.ts): a batch check reads each
 * saved web page, .doc and PDF once for its two passes (pairing, then checking). That the batch's findings stay
 * the same is test/cli/audit-jobs.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { ReadMemo } from '../../shared/import/read-memo.js';

type Read = { ok: boolean; text?: string };

/** A reader that counts its calls and answers after a turn of the event loop. */
function reader(answer: (n: number) => Read = (n) => ({ ok: true, text: `text#${n}` })) {
  let calls = 0;
  const read = async () => {
    await new Promise((r) => setImmediate(r));
    return answer(++calls);
  };
  return { read, calls: () => calls };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('ReadMemo', () => {
  it('reads the same content once: asked twice at once, or again later', async () => {
    const memo = new ReadMemo<Read>();
    const r = reader();
    const [a, b] = await Promise.all([memo.get('pdf', bytes('same'), r.read), memo.get('pdf', bytes('same'), r.read)]);
    expect([a, b]).toEqual([{ ok: true, text: 'text#1' }, { ok: true, text: 'text#1' }]);
    expect(await memo.get('pdf', bytes('same'), r.read)).toEqual({ ok: true, text: 'text#1' });
    expect(await memo.get('pdf', bytes('other'), r.read)).toEqual({ ok: true, text: 'text#2' });
    expect(r.calls()).toBe(2);
  });

  it('keeps apart what different readers made of the same bytes, and strings from bytes alike', async () => {
    const memo = new ReadMemo<Read>();
    const r = reader();
    await memo.get('pdf', bytes('x'), r.read);
    expect(await memo.get('doc', bytes('x'), r.read)).toEqual({ ok: true, text: 'text#2' });
    expect(await memo.get('html', 'x', r.read)).toEqual({ ok: true, text: 'text#3' });
    expect(await memo.get('html', 'x', r.read)).toEqual({ ok: true, text: 'text#3' });
  });

  it('does not keep refusals, nor texts past its budget (first come, kept)', async () => {
    const memo = new ReadMemo<Read>(20); // bytes of UTF-16: ten characters
    const refused = reader(() => ({ ok: false }));
    await memo.get('pdf', bytes('scan'), refused.read);
    await memo.get('pdf', bytes('scan'), refused.read);
    expect(refused.calls()).toBe(2);
    const r = reader((n) => ({ ok: true, text: `${'字'.repeat(6)}${n}` }));
    await memo.get('pdf', bytes('first'), r.read); // 7 characters: kept
    await memo.get('pdf', bytes('second'), r.read); // 7 more: over the budget, not kept
    await memo.get('pdf', bytes('first'), r.read);
    await memo.get('pdf', bytes('second'), r.read);
    expect(r.calls()).toBe(3);
  });

  it('a reading that fails is not kept and may be asked for again', async () => {
    const memo = new ReadMemo<Read>();
    let calls = 0;
    const failing = async (): Promise<Read> => {
      calls++;
      throw new Error('boom');
    };
    await expect(memo.get('doc', bytes('bad'), failing)).rejects.toThrow('boom');
    await expect(memo.get('doc', bytes('bad'), failing)).rejects.toThrow('boom');
    expect(calls).toBe(2);
  });

  it('lets everything go after a while without questions', async () => {
    const memo = new ReadMemo<Read>(1024, 30);
    const r = reader();
    await memo.get('pdf', bytes('a'), r.read);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await memo.get('pdf', bytes('a'), r.read);
    expect(r.calls()).toBe(2);
  });
});
