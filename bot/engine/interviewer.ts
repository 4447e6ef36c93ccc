/** One turn: load the conversation, take the input, store answers and cursor atomically, reply. */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import { actorOf } from './access.js';
import { parseCommand, restart, runCommand } from './commands.js';
import { answer } from './answer.js';
import { ask } from './flow.js';
import { answerStart, askStart } from './start.js';
import { joinByCode, readShareCode } from './share.js';
import { initialState, isState } from './state.js';
import { T } from './texts.js';
import { Turn } from './turn.js';
import { conversationKey, type ConversationKey, type Interviewer, type InterviewerOptions, type Reply, type TurnInput } from './types.js';
import { upload } from './upload.js';

const MAX_ATTEMPTS = 8;

/** The text of a turn: typed text, else the choice of a card submit. */
export function inputText(input: TurnInput): string {
  if (input.text && input.text.trim()) return input.text;
  const v = input.value;
  if (v) {
    for (const k of ['choice', 'value', 'text']) if (typeof v[k] === 'string') return v[k];
    const strings = Object.values(v).filter((x): x is string => typeof x === 'string');
    if (strings.length === 1) return strings[0]!;
  }
  return input.text ?? '';
}

async function runTurn(t: Turn, input: TurnInput, first: boolean): Promise<void> {
  const text = inputText(input);
  if (input.attachments?.length) {
    t.state.paused = false;
    return upload(t, input.attachments);
  }
  const code = readShareCode(text);
  if (code) return joinByCode(t, code);
  const command = parseCommand(text);
  if (t.state.confirm === 'restart') {
    delete t.state.confirm;
    if (text.trim() === 'restart-yes' || /^(确认|是|确定)/u.test(text.trim())) {
      restart(t);
      t.say(T.greeting);
      return askStart(t);
    }
    if (!command) {
      t.say(T.restartCancelled);
      return t.draft ? ask(t) : askStart(t);
    }
  }
  if (command) {
    t.state.paused = false;
    return runCommand(t, command.name, command.arg);
  }
  if (first) {
    t.say(T.greeting);
    return askStart(t);
  }
  if (t.state.paused) {
    t.state.paused = false;
    t.say(T.welcomeBack);
    return t.draft ? ask(t) : askStart(t);
  }
  if (!t.draft) return text.trim() ? answerStart(t, text) : askStart(t);
  return answer(t, text);
}

export function createInterviewer(store: Store, options: InterviewerOptions = {}): Interviewer {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID());
  return {
    handle(key: ConversationKey, input: TurnInput): Promise<Reply[]> {
      const k = conversationKey(key);
      const actor = actorOf(key);
      return store.serialize(k, async () => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const conv = await store.loadConversation(k);
          let state = conv && isState(conv.state) ? conv.state : initialState();
          const loaded = state.draftId ? await store.loadDraft(state.draftId) : undefined;
          if (state.draftId && !loaded) state = initialState();
          const t = new Turn(store, structuredClone(state), loaded?.draft, now(), newId, actor);
          t.mentions = input.mentions ?? [];
          await runTurn(t, input, !conv);
          const draftId = t.state.draftId;
          // a download link names the version this turn leaves: that version is kept for it
          const keep = t.replies.some((x) => x.type === 'download');
          const r = await store.commitTurn({
            key: k, state: t.state, expectedVersion: conv?.version ?? 0, actor, ...(key.name ? { actorName: key.name } : {}),
            // a draft stored before drafts had owners belongs to the conversations already attached to it
            ...(loaded && !loaded.owner && state.draftId ? { claim: state.draftId } : {}),
            ...(draftId && (t.create || t.changes.length || t.status || keep || t.invites.length)
              ? {
                draft: {
                  draftId, ...(t.create ? { create: t.create } : {}), changes: t.changes, ...(t.status ? { status: t.status } : {}), ...(keep ? { keep } : {}),
                  ...(t.invites.length ? { invite: t.invites } : {}),
                },
              }
              : {}),
          });
          if (!r.ok) continue; // another instance took a turn of this conversation: run this one again on its result
          const version = r.draftVersion ?? loaded?.version ?? 1;
          return t.replies.map((x) => (x.type === 'download' ? { ...x, version } : x));
        }
        throw new Error('conversation busy: too many concurrent turns');
      });
    },
  };
}
