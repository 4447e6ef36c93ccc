/** The conversation's cursor, stored as JSON with the conversation. Names question ids, never positions. */
import type { AgencyLevel } from '../../shared/index.js';

export interface State {
  readonly v: 1;
  /** The question being asked: a SPEC part or cell id, a meta field, a gate/check id, 'resume', 'done'. */
  current: string;
  draftId?: string;
  /** Start answers held until the draft exists. */
  start: { agency?: string; year?: number; level?: AgencyLevel };
  /** Gate answers: true = there are figures to ask, false = all zero. */
  gates: Record<string, boolean>;
  /** t3 applicant columns that occurred. */
  applicants?: string[];
  skipped: string[];
  /** Table checks the clerk chose to leave as they are. */
  accepted: string[];
  /** An answer with warnings, waiting for 保留 or a new answer. */
  pending?: { question: string; text: string };
  /** After 修改, the question to come back to. */
  returnTo?: string;
  paused?: boolean;
  confirm?: 'restart';
  /** Drafts offered for resuming. */
  offered?: string[];
  finished?: boolean;
  /** `part:rule` of answer warnings already given once (not repeated). */
  warned?: string[];
}

export function initialState(): State {
  return { v: 1, current: 'agency.name', start: {}, gates: {}, skipped: [], accepted: [] };
}

export function isState(x: unknown): x is State {
  return typeof x === 'object' && x !== null && (x as State).v === 1 && typeof (x as State).current === 'string';
}
