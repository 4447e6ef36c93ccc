/**
 * The end of each Direct Line transcript this process stored, with its newest activities — for the SQLite store,
 * where one process owns the database (DirLock): what it last wrote is what is there, so a turn need not read the
 * end back, and the poll that follows each message (the activities just appended) need not read them back either.
 * PostgreSQL has none of this: other instances append too.
 *
 * Only what is on disk: entries are set once an append is acknowledged. A bounded memory: past MAX_CONVERSATIONS
 * it starts again (the database answers meanwhile), and a sweep forgets everything.
 */
import { Remembered } from './remembered.js';
import type { TranscriptEntry } from './types.js';

/** Conversations remembered: a day's conversations of a busy office, a few MB. */
const MAX_CONVERSATIONS = 5_000;
/** Newest activities kept per conversation: a message, its echo and replies, and the welcome before the first. */
const MAX_TAIL = 8;

/** A transcript entry parsed only when its activity is asked for (a poll passes the JSON on as it is). */
export class StoredActivity implements TranscriptEntry {
  constructor(readonly seq: number, readonly json: string) {}

  get activity(): unknown {
    return JSON.parse(this.json) as unknown;
  }
}

interface Tail {
  readonly end: number;
  /** The newest activities, numbered up to `end` without a gap (possibly none). */
  readonly entries: readonly StoredActivity[];
}

export class TranscriptTails {
  private readonly tails = new Remembered<Tail>(MAX_CONVERSATIONS);

  end(conversationId: string): number | undefined {
    return this.tails.get(conversationId)?.end;
  }

  /**
   * Records an acknowledged append of `jsons` numbered from `after + 1`. `keep`: what the store keeps of a
   * transcript; a tail never holds more, so it never shows what the database already trimmed.
   */
  appended(conversationId: string, after: number, jsons: readonly string[], keep: number): void {
    const before = this.tails.get(conversationId);
    const added = jsons.map((json, i) => new StoredActivity(after + 1 + i, json));
    const entries = before?.end === after ? [...before.entries, ...added] : added;
    this.tails.set(conversationId, { end: after + jsons.length, entries: entries.slice(-Math.min(MAX_TAIL, keep)) });
  }

  /**
   * Activities numbered above `after` (at most `limit`) when the tail holds every one of them; undefined when the
   * database must answer.
   */
  read(conversationId: string, after: number, limit: number): StoredActivity[] | undefined {
    const tail = this.tails.get(conversationId);
    if (!tail || after > tail.end || after < tail.end - tail.entries.length) return undefined;
    const from = tail.entries.length - (tail.end - after);
    return tail.entries.slice(from, from + limit);
  }

  clear(): void {
    this.tails.clear();
  }
}
