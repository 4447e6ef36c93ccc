/** The start of an interview, before a draft exists: agency, year, level; then a new draft or an unfinished one. */
import { emptyDraft, FIRST_SUPPORTED_YEAR, formatIdForYear, type AgencyLevel } from '../../shared/index.js';
import { toHalfWidth } from '../../shared/width.js';
import { mayUse } from './access.js';
import { chineseNumeral } from './numbers.js';
import { matchChoice } from './choices.js';
import { ask, firstOpen, list } from './flow.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';
import type { Choice } from './types.js';

/** A report year from 「2024」「２０２４年」「2024年度」「二〇二四」, or the reason it is refused. */
export function readYear(text: string, now = new Date()): number | string {
  const s = toHalfWidth(text.trim(), 'digits').replace(/年度?$/u, '');
  const y = /^\d{4}$/.test(s) ? Number(s) : chineseNumeral(s);
  if (y === undefined || !Number.isInteger(y) || y < 1000 || y > 9999) return T.yearBad;
  if (y < FIRST_SUPPORTED_YEAR) return T.yearOld(y);
  const max = now.getFullYear();
  if (y > max) return T.yearFuture(y, max);
  return y;
}

const LEVELS: Choice[] = [{ title: T.levelDepartment, value: 'department' }, { title: T.levelGovernment, value: 'government' }];

/** The level a name states: 人民政府, 街道办事处, 镇, 乡 are governments; 局, 委, 办, 厅 … are departments. */
export function levelOfName(name: string): AgencyLevel | undefined {
  const n = name.replace(/[\s\u3000]/gu, '');
  if (/(?:人民政府|街道办事处|街道|镇|乡|政府)$/u.test(n)) return 'government';
  if (/(?:局|委员会|委|办公室|办|厅|中心|署|部|院|馆|队|所|站|处|社|会)$/u.test(n)) return 'department';
  return undefined;
}

export async function askStart(t: Turn): Promise<void> {
  const s = t.state;
  switch (s.current) {
    case 'agency.name': return t.say(T.agencyName);
    case 'year': return t.say(T.year);
    case 'agency.level': return t.choose(T.level, LEVELS);
    case 'resume': return t.choose(T.resume(s.offered?.length ?? 0), await resumeChoices(t));
    default:
      s.current = 'agency.name';
      return t.say(T.agencyName);
  }
}

async function resumeChoices(t: Turn): Promise<Choice[]> {
  const out: Choice[] = [];
  for (const id of t.state.offered ?? []) {
    const d = await t.store.loadDraft(id);
    if (!d) continue;
    const answered = Object.keys(d.draft.cells).length + Object.keys(d.draft.narrative).length;
    const when = d.draft.updatedAt ? d.draft.updatedAt.slice(0, 16).replace('T', ' ') : '';
    out.push({ title: T.resumeDraft(when, answered), value: `resume:${id}` });
  }
  out.push({ title: T.resumeNew, value: 'new' });
  return out;
}

/** Starts a new draft for the start answers and asks the first question of the interview. */
export async function createDraft(t: Turn): Promise<void> {
  const { agency, year, level } = t.state.start;
  const draft = emptyDraft(year!, agency!, level ?? 'department');
  draft.updatedAt = t.now.toISOString();
  t.create = draft;
  t.draft = draft;
  t.state.draftId = t.newId();
  t.say(T.created(agency!, year!, formatIdForYear(year!)!));
  t.state.current = firstOpen(t, list(t));
  await ask(t);
}

/**
 * After the start answers: the clerk's own unfinished drafts of that agency and year are offered; someone else's
 * are only mentioned (nothing in them is shown), and the clerk gets a new draft.
 */
export async function offerOrCreate(t: Turn): Promise<void> {
  const s = t.state;
  const drafts = await t.store.findDrafts(s.start.agency!, s.start.year!);
  const usable = drafts.filter((d) => mayUse(d, t.actor));
  if (usable.length) {
    s.offered = usable.slice(0, 3).map((d) => d.draftId);
    s.current = 'resume';
    return askStart(t);
  }
  if (drafts.length) t.say(T.othersDraft);
  return createDraft(t);
}

async function resume(t: Turn, draftId: string): Promise<void> {
  const d = await t.store.loadDraft(draftId);
  if (!d || !mayUse(await t.store.access(draftId), t.actor)) return createDraft(t);
  t.draft = d.draft;
  t.state.draftId = draftId;
  t.state.gates = {};
  delete t.state.applicants;
  if (t.state.start.level && d.draft.agency.level !== t.state.start.level) t.set('agency.level', t.state.start.level);
  t.say(T.resumed);
  t.state.current = firstOpen(t, list(t));
  await ask(t);
}

export async function answerStart(t: Turn, text: string): Promise<void> {
  const s = t.state;
  const v = text.trim();
  switch (s.current) {
    case 'agency.name':
      if (v.length < 2 || v.length > 100) return t.say(T.agencyNameBad);
      s.start.agency = v;
      s.current = 'year';
      return askStart(t);
    case 'year': {
      const y = readYear(v, t.now);
      if (typeof y === 'string') return t.say(y);
      s.start.year = y;
      // the name often says the level (…人民政府, …街道办事处, …镇, …局): then it is not asked
      const level = levelOfName(s.start.agency ?? '');
      if (level) {
        t.say(T.levelInferred(level === 'government' ? '政府' : '部门'));
        s.current = 'agency.level';
        return answerStart(t, level);
      }
      s.current = 'agency.level';
      return askStart(t);
    }
    case 'agency.level': {
      const level = (matchChoice(v, LEVELS) ?? (/政府|街道|乡|镇/u.test(v) ? 'government' : /部门|局|委|办/u.test(v) ? 'department' : undefined)) as AgencyLevel | undefined;
      if (!level) return t.choose(T.levelBad, LEVELS);
      s.start.level = level;
      return offerOrCreate(t);
    }
    case 'resume': {
      const choice = matchChoice(v, await resumeChoices(t));
      if (!choice) return askStart(t);
      delete s.offered;
      if (choice === 'new') return createDraft(t);
      return resume(t, choice.slice('resume:'.length));
    }
    default:
      return askStart(t);
  }
}
