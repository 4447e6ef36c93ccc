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
import type { ConversationKey, Mention } from '../engine/index.js';

export type Origin = 'directline' | 'botframework' | 'unverified';

interface From { id?: string; aadObjectId?: string; name?: string }

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
  const name = displayName(from.name);
  return {
    channelId: origin === 'unverified' ? `local:${channel}` : channel,
    userId: from.aadObjectId ?? from.id ?? 'unknown',
    conversationId: a.conversation?.id ?? 'unknown',
    principal: principalOf(a, origin),
    ...(name ? { name } : {}),
  };
}

/**
 * A display name as the channel gave it, made fit to show in a Markdown message: one line, no control or bidi
 * characters, no Markdown or HTML syntax (a name is not a link), at most 40 characters.
 */
export function displayName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069<>[\]()*_`#|\\~!]/gu, '').replace(/\s+/gu, ' ').trim();
  return s ? [...s].slice(0, 40).join('') : undefined;
}

interface MentionEntity { type?: string; mentioned?: { id?: string; name?: string; aadObjectId?: string; tenantId?: string } }

/** A Teams user id that is the Entra object id itself (「8:orgid:<guid>」). */
const ORGID = /^8:orgid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/iu;

/**
 * The people an activity @mentions other than the bot, each with the principal they would have as a sender
 * (`principalOf`) where the channel vouches for it: on Teams, a mention's Entra object id (`aadObjectId`, or an
 * 「8:orgid:」 id) in the activity's tenant. Elsewhere (Direct Line, web chat) a mention is only what the client
 * wrote: it names nobody the bot could let in.
 */
export function mentionsOf(a: Partial<Activity>, origin: Origin = 'botframework'): Mention[] {
  const bot = a.recipient?.id;
  const out: Mention[] = [];
  const seen = new Set<string>();
  for (const e of (a.entities ?? []) as MentionEntity[]) {
    const m = e?.type === 'mention' ? e.mentioned : undefined;
    if (!m || typeof m.id !== 'string' || !m.id || m.id === bot || seen.has(m.id)) continue;
    seen.add(m.id);
    const name = displayName(m.name) ?? '同事';
    if (a.channelId !== 'msteams' || origin === 'directline') {
      out.push({ name, why: 'channel' });
      continue;
    }
    if (typeof m.tenantId === 'string' && m.tenantId !== tenantOf(a)) {
      out.push({ name, why: 'tenant' });
      continue;
    }
    const aad = typeof m.aadObjectId === 'string' && m.aadObjectId ? m.aadObjectId : ORGID.exec(m.id)?.[1];
    // verified Teams identities are Entra object ids: without one the mention cannot be matched to a sender
    if (origin === 'botframework' && !aad) {
      out.push({ name, why: 'no-id' });
      continue;
    }
    out.push({ name, principal: principalOf({ ...a, from: { id: m.id, ...(aad ? { aadObjectId: aad } : {}) } as Activity['from'] }, origin) });
  }
  return out;
}
