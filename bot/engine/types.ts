/** The engine's interface with the channel layer (agreed in the briefing). */
export interface ConversationKey {
  channelId: string;
  userId: string;
  conversationId: string;
  /** The stable identity that owns drafts (bot/channels/identity.ts); not part of the stored key. */
  principal?: string;
  /** The sender's display name as the channel gives it (`from.name`), shown to colleagues in the history. */
  name?: string;
}

/**
 * Someone a message @mentions (not the bot): the identity they would have as a sender, where the channel vouches for
 * it (Teams: tenant and Entra object id); otherwise why not.
 */
export type Mention =
  | { readonly name: string; readonly principal: string }
  | { readonly name: string; readonly principal?: undefined; readonly why: 'no-id' | 'channel' | 'tenant' };

export interface TurnInput {
  /** Mentions already stripped by the channel layer. */
  text?: string;
  /** Adaptive Card submit data: the engine reads `choice` (else `value`, else `text`). */
  value?: Record<string, unknown>;
  /** A draft .json or an .xlsx sent by the clerk. */
  attachments?: { name: string; contentType: string; bytes: Uint8Array }[];
  /** People the message @mentions other than the bot (「共享 @张三」 invites them). */
  mentions?: Mention[];
  /** Ignored for parsing: always zh-CN. */
  locale?: string;
}

export interface Choice { title: string; value: string }

export type Reply =
  | { type: 'text'; text: string }
  | { type: 'choices'; text: string; choices: Choice[] }
  /** The report: Markdown, and an Adaptive Card for channels that draw Markdown roughly (Teams). */
  | { type: 'preview'; markdown: string; card?: Record<string, unknown> }
  | { type: 'download'; draftId: string; version: number; fileName: string };

export interface Interviewer { handle(key: ConversationKey, input: TurnInput): Promise<Reply[]> }

export interface InterviewerOptions {
  now?: () => Date;
  /** New draft ids (tests). Default: crypto.randomUUID. */
  newId?: () => string;
}

/** The store key of a conversation: per channel, user and conversation. */
export function conversationKey(k: ConversationKey): string {
  return JSON.stringify([k.channelId, k.conversationId, k.userId]);
}
