/** One turn's working copy: the state, the draft with this turn's answers applied, and the replies. */
import type { Draft } from '../../shared/index.js';
import { cloneDraft, mutateDraft, valueAt } from '../store/apply.js';
import type { Change, DraftStatus, Store } from '../store/index.js';
import type { State } from './state.js';
import type { Choice, Mention, Reply } from './types.js';

export class Turn {
  readonly changes: Change[] = [];
  readonly replies: Reply[] = [];
  create?: Draft;
  status?: DraftStatus;
  /** Colleagues made members of the draft in this turn (「共享 @张三」), stored with the turn. */
  readonly invites: { principal: string; name?: string }[] = [];
  /** People the message @mentions, other than the bot (`TurnInput.mentions`). */
  mentions: readonly Mention[] = [];
  /** Whether `draft` is this turn's own copy (cloned before the first change). */
  private owned = false;

  constructor(
    readonly store: Store,
    public state: State,
    public draft: Draft | undefined,
    readonly now: Date,
    readonly newId: () => string,
    /** Who takes the turn (`actorOf`): drafts are offered, merged and shared by it. */
    readonly actor: string = 'unknown',
  ) {}

  /** Records one answer (skipped when the value is already there). */
  set(path: string, value: string | null): void {
    if (!this.draft) throw new Error('no draft in this conversation yet');
    if (valueAt(this.draft, path) === (value ?? undefined)) return;
    if (!this.owned) {
      this.draft = cloneDraft(this.draft);
      this.owned = true;
    }
    mutateDraft(this.draft, { path, value });
    this.changes.push({ path, value });
    if (this.state.finished) {
      this.state.finished = false;
      this.status = 'open';
    }
  }

  say(text: string): void {
    this.replies.push({ type: 'text', text });
  }

  choose(text: string, choices: Choice[]): void {
    this.replies.push({ type: 'choices', text, choices });
  }
}
