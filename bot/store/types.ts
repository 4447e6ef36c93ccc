/** The store's contract: drafts with per-answer history, and conversation cursors, on SQLite or PostgreSQL. */
import type { Draft } from '../../shared/index.js';

/**
 * One answer: `agency.name`, `agency.level`, `agency.address`, `agency.postcode`, `agency.phone`, `agency.email`,
 * `agency.website`, `year`, `format`, `cells.<cell id>`, `narrative.<part id>`. `null` removes the value.
 */
export interface Change {
  readonly path: string;
  readonly value: string | number | null;
}

export type DraftStatus = 'open' | 'finished';

export interface DraftSummary {
  readonly draftId: string;
  readonly agencyName: string;
  readonly year: number;
  readonly version: number;
  readonly status: DraftStatus;
  readonly updatedAt: string;
}

export interface HistoryEntry {
  readonly seq: number;
  readonly path: string;
  readonly value: string | null;
  /** Draft version this answer produced. */
  readonly version: number;
  readonly at: string;
}

export interface TurnCommit {
  /** Conversation key (see `conversationKey`). */
  readonly key: string;
  /** JSON-serialisable cursor state. */
  readonly state: unknown;
  /** Version read at the start of the turn; 0 for a conversation not stored yet. */
  readonly expectedVersion: number;
  /** Answers accepted in this turn, applied to the current draft row (merged, never lost). */
  readonly draft?: {
    readonly draftId: string;
    /** Creates the draft with this content first (new interview or upload). */
    readonly create?: Draft;
    readonly changes: readonly Change[];
    readonly status?: DraftStatus;
  };
}

export type TurnResult =
  | { readonly ok: true; readonly conversationVersion: number; readonly draftVersion?: number }
  | { readonly ok: false; readonly reason: 'stale' };

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  loadDraft(draftId: string): Promise<{ draft: Draft; version: number; status: DraftStatus } | undefined>;
  /** Drafts of one agency and year, newest first (unfinished only unless `status` says otherwise). */
  findDrafts(agencyName: string, year: number, status?: DraftStatus | 'any'): Promise<DraftSummary[]>;
  createDraft(draft: Draft, draftId?: string): Promise<{ draftId: string; version: number }>;
  /**
   * Applies answers to the current draft: optimistic — a write based on a stale version re-reads the draft and
   * re-applies the answers, so a concurrent writer's answers are kept, and these are never lost.
   */
  applyChanges(draftId: string, changes: readonly Change[]): Promise<{ draft: Draft; version: number; retries: number }>;
  /** Compare-and-set of a whole draft: refused (ok: false, current version) when `expectedVersion` is stale. */
  saveDraft(draftId: string, draft: Draft, expectedVersion: number): Promise<{ ok: boolean; version: number }>;
  setStatus(draftId: string, status: DraftStatus): Promise<void>;
  /** Every accepted answer, oldest first; with `path`, the versions of that one answer. */
  history(draftId: string, path?: string): Promise<HistoryEntry[]>;
  loadConversation(key: string): Promise<{ state: unknown; version: number } | undefined>;
  /** Stores a turn atomically: conversation state (version-checked) and the answers it accepted. */
  commitTurn(turn: TurnCommit): Promise<TurnResult>;
  /** Runs `fn` after every earlier call for the same key has finished (turns of one conversation, in order). */
  serialize<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}
