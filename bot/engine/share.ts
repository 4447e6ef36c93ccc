/**
 * Sharing a draft: 「共享」 gives its owner a one-time code; a colleague who sends the code joins the draft. Codes are
 * random (60 bits), single use, expire, and are stored as hashes only. Where the channel vouches for whom a message
 * @mentions (Teams: the colleague's Entra object id in the tenant), 「共享 @张三」 makes them a member directly; a
 * mention it cannot vouch for gets the code instead, and the owner is told why.
 */
import { createHash, randomInt } from 'node:crypto';
import type { DraftAccess } from '../store/index.js';
import { mayShare } from './access.js';
import { ask, firstOpen, list } from './flow.js';
import { askStart } from './start.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';

export const SHARE_HOURS = 24;
/** No 0/O, 1/I: the code is read aloud and retyped. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE = /^(?:共享码)?[\s:：]*NB-?([A-HJ-NP-Z2-9]{4})-?([A-HJ-NP-Z2-9]{4})-?([A-HJ-NP-Z2-9]{4})$/iu;

function newCode(): string {
  const c = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `NB-${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}

const hash = (code: string) => createHash('sha256').update(`nianbao-share\n${code}`).digest('hex');

/** The code in a message (「NB-ABCD-EFGH-JKLM」, any case, dashes optional), normalised; else undefined. */
export function readShareCode(text: string): string | undefined {
  const m = CODE.exec(text.trim());
  return m ? `NB-${m[1]}-${m[2]}-${m[3]}`.toUpperCase() : undefined;
}

export async function share(t: Turn, arg = ''): Promise<void> {
  const draftId = t.state.draftId;
  if (!t.draft || !draftId) {
    t.say(T.shareNoDraft);
    return askStart(t);
  }
  const access = await t.store.access(draftId);
  if (!mayShare(access, t.actor)) {
    t.say(T.shareNotOwner);
    return ask(t);
  }
  if (t.mentions.length || /^[@＠]/u.test(arg)) {
    if (!(await invite(t, access!, arg))) return ask(t);
  }
  const code = newCode();
  await t.store.addShareCode(draftId, hash(code), t.actor, new Date(t.now.getTime() + SHARE_HOURS * 3600_000));
  t.say(T.shareCode(code, SHARE_HOURS));
  return ask(t);
}

/**
 * 「共享 @张三」: members made of the mentioned colleagues the channel vouches for (stored with the turn); true when
 * some mention could not be, and a code should follow.
 */
async function invite(t: Turn, access: DraftAccess, arg: string): Promise<boolean> {
  const d = t.draft!;
  if (!t.mentions.length) {
    t.say(T.inviteNoMention(arg));
    return true;
  }
  const invited: string[] = [];
  const already: string[] = [];
  const unsure = { 'no-id': [] as string[], channel: [] as string[], tenant: [] as string[] };
  for (const m of t.mentions) {
    if (m.principal === undefined) unsure[m.why].push(m.name);
    else if (m.principal === t.actor) t.say(T.inviteSelf);
    else if (access.owner === m.principal || access.members.includes(m.principal) || t.invites.some((x) => x.principal === m.principal)) already.push(m.name);
    else {
      t.invites.push({ principal: m.principal, name: m.name });
      invited.push(m.name);
    }
  }
  if (invited.length) t.say(T.invited(invited, d.agency.name, d.year));
  if (already.length) t.say(T.inviteAlready(already));
  if (unsure['no-id'].length) t.say(T.inviteNoId(unsure['no-id']));
  if (unsure.channel.length) t.say(T.inviteChannel(unsure.channel));
  if (unsure.tenant.length) t.say(T.inviteTenant(unsure.tenant));
  return unsure['no-id'].length + unsure.channel.length + unsure.tenant.length > 0;
}

/** Joins the draft a code was made for; a bad code changes nothing. */
export async function joinByCode(t: Turn, code: string): Promise<void> {
  const joined = await t.store.redeemShareCode(hash(code), t.actor, t.now);
  const loaded = joined && (await t.store.loadDraft(joined.draftId));
  if (!joined || !loaded) {
    t.say(T.shareCodeBad);
    return t.draft ? ask(t) : askStart(t);
  }
  const s = t.state;
  t.draft = loaded.draft;
  s.draftId = joined.draftId;
  s.start = { agency: loaded.draft.agency.name, year: loaded.draft.year, ...(loaded.draft.agency.level ? { level: loaded.draft.agency.level } : {}) };
  s.gates = {};
  s.skipped = [];
  s.finished = loaded.status === 'finished';
  delete s.applicants;
  delete s.pending;
  delete s.returnTo;
  delete s.offered;
  delete s.confirm;
  t.say(T.joined(loaded.draft.agency.name, loaded.draft.year));
  s.current = firstOpen(t, list(t));
  return ask(t);
}
