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

/**
 * Who may use a draft: its owner and the colleagues it was shared with, as channel identities
 * (`bot/channels/identity.ts`). A draft stored before drafts had owners has none until a conversation
 * already attached to it takes a turn (`TurnCommit.claim`).
 */
export interface DraftAccess {
  readonly owner?: string;
  readonly members: readonly string[];
}

export interface DraftSummary extends DraftAccess {
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
  /** Who gave the answer (a channel identity); absent for answers stored before answers had authors. */
  readonly actor?: string;
}

/** One activity of a Direct Line conversation's transcript, numbered from 1 in the order it was appended. */
export interface TranscriptEntry {
  readonly seq: number;
  readonly activity: unknown;
  /** The activity as stored, JSON: what a poll sends on, without parsing and writing it again. */
  readonly json: string;
}

export interface TurnCommit {
  /** Conversation key (see `conversationKey`). */
  readonly key: string;
  /** JSON-serialisable cursor state. */
  readonly state: unknown;
  /** Version read at the start of the turn; 0 for a conversation not stored yet. */
  readonly expectedVersion: number;
  /** Who took the turn: the owner of a draft it creates, the author of the answers it stores. */
  readonly actor?: string;
  /** The actor's display name as the channel gave it this turn (`from.name`): stored for `names`. */
  readonly actorName?: string;
  /** An ownerless draft (stored before owners) attached to this conversation: it becomes the actor's. */
  readonly claim?: string;
  /** Answers accepted in this turn, applied to the current draft row (merged, never lost). */
  readonly draft?: {
    readonly draftId: string;
    /** Creates the draft with this content first (new interview or upload). */
    readonly create?: Draft;
    readonly changes: readonly Change[];
    readonly status?: DraftStatus;
    /** Keeps the document of the version this turn leaves, for a download link that names it. */
    readonly keep?: boolean;
    /**
     * Colleagues the owner invited by name (Teams @mention): members from this turn on, recorded as added by the
     * actor, with the name the channel gave them. Already a member: nothing changes.
     */
    readonly invite?: readonly { readonly principal: string; readonly name?: string }[];
  };
}

export type TurnResult =
  | { readonly ok: true; readonly conversationVersion: number; readonly draftVersion?: number }
  | { readonly ok: false; readonly reason: 'stale' };

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  loadDraft(draftId: string): Promise<{ draft: Draft; version: number; status: DraftStatus; owner?: string } | undefined>;
  /** The document as it was at `version`: the current one, or one kept by a turn (`keep`). */
  loadDraftVersion(draftId: string, version: number): Promise<Draft | undefined>;
  /**
   * Drafts of one agency and year, newest first (unfinished only unless `status` says otherwise), whoever owns
   * them: the caller decides what it may show (`bot/engine/access.ts`).
   */
  findDrafts(agencyName: string, year: number, status?: DraftStatus | 'any'): Promise<DraftSummary[]>;
  access(draftId: string): Promise<DraftAccess | undefined>;
  createDraft(draft: Draft, draftId?: string, owner?: string): Promise<{ draftId: string; version: number }>;
  /** Stores a sharing code (its hash only) that lets one colleague join the draft until `expiresAt`. */
  addShareCode(draftId: string, codeHash: string, by: string, expiresAt: Date): Promise<void>;
  /**
   * Uses a sharing code: the redeemer becomes a member of its draft. Refused (undefined) when the code is unknown,
   * expired or already used by someone else; a repeat by the same redeemer (a retried turn) is accepted.
   */
  redeemShareCode(codeHash: string, principal: string, at: Date): Promise<{ draftId: string } | undefined>;
  /** The display names the channels last gave these identities; identities with none are absent. */
  names(principals: readonly string[]): Promise<Map<string, string>>;
  /**
   * Applies answers to the current draft: optimistic — a write based on a stale version re-reads the draft and
   * re-applies the answers, so a concurrent writer's answers are kept, and these are never lost.
   */
  applyChanges(draftId: string, changes: readonly Change[], actor?: string): Promise<{ draft: Draft; version: number; retries: number }>;
  /** Compare-and-set of a whole draft: refused (ok: false, current version) when `expectedVersion` is stale. */
  saveDraft(draftId: string, draft: Draft, expectedVersion: number, actor?: string): Promise<{ ok: boolean; version: number }>;
  setStatus(draftId: string, status: DraftStatus): Promise<void>;
  /** Every accepted answer, oldest first; with `path`, the versions of that one answer. */
  history(draftId: string, path?: string): Promise<HistoryEntry[]>;
  loadConversation(key: string): Promise<{ state: unknown; version: number } | undefined>;
  /** Stores a turn atomically: conversation state (version-checked) and the answers it accepted. */
  commitTurn(turn: TurnCommit): Promise<TurnResult>;
  /**
   * Runs `fn` after every earlier call for the same key has finished (turns of one conversation, in order) — in
   * this process, and on PostgreSQL in every instance (an advisory lock per key). A call made inside `fn` for
   * another key is ordered in this process only: the outer key already excludes the other instances.
   */
  serialize<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The last transcript number of a Direct Line conversation; undefined for one never stored. */
  transcriptEnd(conversationId: string): Promise<number | undefined>;
  /**
   * Appends activities numbered `after + 1`, `after + 2`, …, keeping the newest `keep`. Call it inside
   * `serialize` for the conversation, which makes `after` the current end.
   */
  appendTranscript(conversationId: string, after: number, activities: readonly unknown[], keep: number): Promise<number>;
  /** Activities numbered above `after`, oldest first, at most `limit`. */
  readTranscript(conversationId: string, after: number, limit: number): Promise<TranscriptEntry[]>;
  /** Forgets transcripts not appended to since `before`; returns how many. */
  sweepTranscripts(before: Date): Promise<number>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}
