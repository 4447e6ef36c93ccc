/**
 * Teams: the Entra object id of someone a 「共享 @同事」 message mentions, when the mention itself lacks it — asked of
 * the conversation's roster (TeamsInfo.getMember, a call to the activity's service URL, which is on the allowed
 * list). Only for messages that ask to share; a roster that cannot answer leaves the mention as it was, and the
 * engine then hands out a code instead (`mentionsOf`, `bot/engine/share.ts`).
 */
import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import { stripMentions } from './activities.js';

export interface RosterMember { readonly aadObjectId?: string; readonly tenantId?: string }
export type Roster = (context: TurnContext, userId: string) => Promise<RosterMember | undefined>;

export const teamsRoster: Roster = async (context, userId) => {
  const m = await TeamsInfo.getMember(context, userId);
  return { ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}), ...(m.tenantId ? { tenantId: m.tenantId } : {}) };
};

const SHARE = /^(共享|分享|共享草稿)$/u;

interface Mentioned { id?: string; aadObjectId?: string; tenantId?: string }

/** Fills in `aadObjectId` (and `tenantId`) of the mentions of a Teams share message from the roster; never throws. */
export async function completeMentions(context: TurnContext, roster: Roster = teamsRoster): Promise<void> {
  const a = context.activity as Partial<Activity>;
  if (a.channelId !== 'msteams' || !a.text || !SHARE.test(stripMentions(a.text))) return;
  const bot = a.recipient?.id;
  for (const e of a.entities ?? []) {
    const m = (e as { type?: string; mentioned?: Mentioned }).type === 'mention' ? (e as { mentioned?: Mentioned }).mentioned : undefined;
    if (!m || typeof m.id !== 'string' || m.id === bot || m.aadObjectId) continue;
    try {
      const found = await roster(context, m.id);
      if (found?.aadObjectId) m.aadObjectId = found.aadObjectId;
      if (found?.tenantId && !m.tenantId) m.tenantId = found.tenantId;
    } catch {
      // not in the roster, no connector (Emulator, tests), or the call failed: the mention stays without an id
    }
  }
}
