/** The SQLite store's memory of transcript tails: it answers only what it holds in full, as the database would. */
import { describe, expect, it } from 'vitest';
import { TranscriptTails } from '../../bot/store/transcript-tails.js';

const texts = (xs: { json: string }[] | undefined) => xs?.map((x) => (JSON.parse(x.json) as { t: string }).t);
const batch = (...ts: string[]) => ts.map((t) => JSON.stringify({ t }));

describe('TranscriptTails', () => {
  it('serves the activities above a watermark when it holds all of them, else leaves it to the database', () => {
    const tails = new TranscriptTails();
    expect(tails.end('c')).toBeUndefined();
    expect(tails.read('c', 0, 500)).toBeUndefined();
    tails.appended('c', 0, batch('welcome'), 500);
    tails.appended('c', 1, batch('q1', 'a1', 'a1b'), 500);
    expect(tails.end('c')).toBe(4);
    expect(texts(tails.read('c', 0, 500))).toEqual(['welcome', 'q1', 'a1', 'a1b']);
    expect(tails.read('c', 1, 500)?.map((x) => x.seq)).toEqual([2, 3, 4]);
    expect(texts(tails.read('c', 1, 2))).toEqual(['q1', 'a1']);
    expect(tails.read('c', 4, 500)).toEqual([]);
    expect(tails.read('c', 5, 500)).toBeUndefined(); // a watermark past the end: the database's answer
    for (let i = 0; i < 5; i++) tails.appended('c', 4 + 2 * i, batch(`q${i + 2}`, `a${i + 2}`), 500);
    expect(tails.end('c')).toBe(14);
    expect(tails.read('c', 5, 500)).toBeUndefined(); // older than the 8 kept
    expect(texts(tails.read('c', 6, 500))).toEqual(['q3', 'a3', 'q4', 'a4', 'q5', 'a5', 'q6', 'a6']);
  });

  it('never holds more than the store keeps, starts over after a gap, and forgets everything when cleared', () => {
    const tails = new TranscriptTails();
    tails.appended('c', 0, batch('1', '2', '3'), 2);
    expect(tails.read('c', 0, 500)).toBeUndefined(); // the database keeps only the newest 2
    expect(texts(tails.read('c', 1, 500))).toEqual(['2', '3']);
    tails.appended('c', 10, batch('11'), 500); // not numbered on from the tail (a restored store): no gap bridged
    expect(tails.read('c', 3, 500)).toBeUndefined();
    expect(texts(tails.read('c', 10, 500))).toEqual(['11']);
    expect(tails.read('c', 10, 500)?.[0]?.activity).toEqual({ t: '11' });
    tails.clear();
    expect(tails.end('c')).toBeUndefined();
    expect(tails.read('c', 10, 500)).toBeUndefined();
  });
});
