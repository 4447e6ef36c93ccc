/**
 * Who sent an activity: the one place that derives the stable user identity that owns drafts (the engine's
 * `principal`). What may be believed depends on how the activity arrived:
 * - `directline`: the server's own Direct Line, where `from.id` is the user id bound into the token it issued
 *   (the client's `from` is replaced before the bot sees it);
 * - `botframework`: `/api/messages` with a Bot Framework token checked (an app id is set): Teams users are their
 *   Entra object id within the tenant, other channels their channel user id;
 * - `unverified`: `/api/messages` without an app id (the Emulator on this machine): `from.id` is whatever the
 *   caller wrote, so these identities and conversations live apart and can never be one of the others.
 */
import type { Activity } from 'botbuilder';
import type { ConversationKey } from '../engine/index.js';

export type Origin = 'directline' | 'botframework' | 'unverified';

interface From { id?: string; aadObjectId?: string }

function tenantOf(a: Partial<Activity>): string {
  const conv = a.conversation as { tenantId?: string } | undefined;
  const data = a.channelData as { tenant?: { id?: string } } | undefined;
  return conv?.tenantId ?? data?.tenant?.id ?? 'unknown';
}

export function principalOf(a: Partial<Activity>, origin: Origin): string {
  const from = (a.from ?? {}) as From;
  const channel = a.channelId ?? 'unknown';
  switch (origin) {
    case 'directline': return `dl:${from.id ?? 'unknown'}`;
    case 'botframework':
      return channel === 'msteams' ? `teams:${tenantOf(a)}:${from.aadObjectId ?? from.id ?? 'unknown'}` : `${channel}:${from.id ?? 'unknown'}`;
    case 'unverified': return `local:${channel}:${from.id ?? 'unknown'}`;
  }
}

/**
 * The conversation's store key (per channel, conversation and user: a clerk in two chats holds two interviews),
 * with the identity. Unverified activities get a channel of their own, so that a caller on `/api/messages` naming
 * another conversation's channel, id and user cannot drive that interview.
 */
export function keyOf(a: Partial<Activity>, origin: Origin = 'botframework'): ConversationKey {
  const from = (a.from ?? {}) as From;
  const channel = a.channelId ?? 'unknown';
  return {
    channelId: origin === 'unverified' ? `local:${channel}` : channel,
    userId: from.aadObjectId ?? from.id ?? 'unknown',
    conversationId: a.conversation?.id ?? 'unknown',
    principal: principalOf(a, origin),
  };
}
