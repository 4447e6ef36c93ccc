/**
 * Who gave an answer, as the clerk reads it (issue 8 §1): 「您」 for the clerk's own answers, a colleague by the
 * display name the channel gave (Teams, Direct Line: `from.name`), else 「同事」 and a short tag that stays the same
 * for that person. Identities themselves (Entra object ids, Direct Line user ids) are never shown.
 */
import { createHash } from 'node:crypto';
import type { HistoryEntry } from '../store/index.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';

/** A short stable tag for an identity: four characters of a hash, which tells colleagues apart and reveals nothing. */
export function actorTag(actor: string): string {
  return createHash('sha256').update(`nianbao-actor\n${actor}`).digest('hex').slice(0, 4).toUpperCase();
}

const LABEL_LIKE = /^(您|我|同事|（)/u;

/**
 * Labels for the authors of these entries. A name two identities share (two 张三, or someone calling themselves by a
 * colleague's name) gets the tag as well, so that two people never look like one.
 */
export async function actorLabels(t: Turn, entries: readonly Pick<HistoryEntry, 'actor'>[]): Promise<(actor: string | undefined) => string> {
  const actors = [...new Set(entries.map((e) => e.actor).filter((a): a is string => !!a))];
  const names = await t.store.names(actors);
  const count = new Map<string, number>();
  for (const a of actors) {
    const n = names.get(a);
    if (n) count.set(n, (count.get(n) ?? 0) + 1);
  }
  return (actor) => {
    if (!actor) return T.actorUnknown;
    if (actor === t.actor) return T.actorSelf;
    const name = names.get(actor);
    // a name shared by two identities, or one that reads like the bot's own labels (「您」「同事 AB12」), gets the tag
    if (name && (count.get(name) ?? 0) < 2 && !LABEL_LIKE.test(name)) return name;
    return name ? `${name}（${actorTag(actor)}）` : T.actorColleague(actorTag(actor));
  };
}

/** When an answer was given, in China time: 「1月20日 10:05」, with the year when it is not this year's. */
export function whenText(at: string, now: Date): string {
  const d = new Date(at);
  if (!at || Number.isNaN(d.getTime()) || d.getTime() === 0) return '';
  const cst = new Date(d.getTime() + 8 * 3600_000);
  const nowYear = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const hm = `${String(cst.getUTCHours()).padStart(2, '0')}:${String(cst.getUTCMinutes()).padStart(2, '0')}`;
  const day = `${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日`;
  return `${cst.getUTCFullYear() === nowYear ? '' : `${cst.getUTCFullYear()}年`}${day} ${hm}`;
}
