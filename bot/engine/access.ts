/**
 * Who may use a draft — the one place that decides. A draft is its owner's and its members' (colleagues who joined
 * with a sharing code); nobody else is offered it, resumes it, or has a file merged into it. Identities are the
 * channel's (`bot/channels/identity.ts`), carried in the conversation key.
 */
import type { DraftAccess } from '../store/index.js';
import type { ConversationKey } from './types.js';

/** The identity of whoever takes a turn: the channel's, else (engine callers without a channel) channel and user. */
export function actorOf(key: ConversationKey): string {
  return key.principal ?? `${key.channelId}:${key.userId}`;
}

export function mayUse(access: DraftAccess | undefined, actor: string): boolean {
  return !!access && (access.owner === actor || access.members.includes(actor));
}

/** Only the owner hands out sharing codes (a draft stored before owners: whoever is attached to it). */
export function mayShare(access: DraftAccess | undefined, actor: string): boolean {
  return !!access && (access.owner === undefined || access.owner === actor);
}
