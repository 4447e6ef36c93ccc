/**
 * 「历史」: the last answers given to the draft, newest first, each with who gave it and when; 「历史 <部分或格子>」:
 * every answer given to one question. The answers are the store's (`answers`, with their `actor`).
 */
import { catalogue, FORMATS } from '../../shared/index.js';
import { partName } from '../../shared/narrative/index.js';
import type { HistoryEntry } from '../store/index.js';
import { actorLabels, whenText } from './actors.js';
import { ask, fmt, META_LABEL, pathOf, questionName, shownValue, TABLE_NAME } from './flow.js';
import type { Question } from './questions.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';

/** Turns shown by 「历史」, and answers shown for one question. */
const TURNS = 10;
const ANSWERS = 12;

/** What an answer's path is called in the interview. */
export function pathName(t: Turn, path: string): string {
  const format = fmt(t);
  if (path.startsWith('cells.')) {
    const c = catalogue(format).byId.get(path.slice(6));
    return c ? `${TABLE_NAME[c.table]} ${c.table === 't2' ? `${c.block} ` : ''}${c.label}` : path.slice(6);
  }
  if (path.startsWith('narrative.')) return partName(path.slice(10), format);
  const named: Record<string, string> = { ...META_LABEL, 'signature.date': '落款日期', 'signature.agency': '落款单位', format: '格式', 'agency.email': '电子邮箱', 'agency.website': '网站' };
  return named[path] ?? path;
}

/** The answer path an argument names: a cell id (also a computed total) or part id as such, else a question. */
function target(t: Turn, arg: string, find: (t: Turn, arg: string) => Question[]): { path: string } | { many: Question[] } | undefined {
  const id = arg.replace(/^(cells|narrative)\./u, '');
  const format = fmt(t);
  if (catalogue(format).byId.has(id)) return { path: `cells.${id}` };
  const paths = find(t, arg).map((q) => ({ q, path: pathOf(q) })).filter((x) => x.path);
  if (paths.length === 1) return { path: paths[0]!.path! };
  if (paths.length > 1) return { many: paths.map((x) => x.q) };
  if (FORMATS[format].narrative.some((p) => p.id === id)) return { path: `narrative.${id}` };
  return undefined;
}

export async function showHistory(t: Turn, arg: string, find: (t: Turn, arg: string) => Question[]): Promise<void> {
  const draftId = t.state.draftId!;
  if (arg) {
    const found = target(t, arg, find);
    if (!found) {
      t.say(T.historyUnknown(arg));
      return ask(t);
    }
    if ('many' in found) {
      const format = fmt(t);
      return t.choose(T.historyWhich(arg), found.many.slice(0, 10).map((q) => ({ title: questionName(q, format), value: `历史 ${pathOf(q)!.replace(/^(cells|narrative)\./u, '')}` })));
    }
    const name = pathName(t, found.path);
    const h = (await t.store.history(draftId, found.path)).reverse();
    if (!h.length) {
      t.say(T.historyNone(name));
      return ask(t);
    }
    const shown = h.slice(0, ANSWERS);
    const who = await actorLabels(t, shown);
    t.say([T.historyOf(name), ...shown.map((e, i) => T.historyLine(whenText(e.at, t.now), who(e.actor), shownValue(found.path, e.value), i === 0))].join('\n'));
    return ask(t);
  }
  // one line per turn: a pasted table is one change of many answers, not thirty lines
  const all = await t.store.history(draftId);
  const turns: HistoryEntry[][] = [];
  for (let i = all.length - 1; i >= 0 && turns.length <= TURNS; i--) {
    const e = all[i]!;
    const last = turns[turns.length - 1];
    if (last && last[0]!.version === e.version && last[0]!.actor === e.actor) last.push(e);
    else turns.push([e]);
  }
  const shown = turns.slice(0, TURNS);
  if (!shown.length) {
    t.say(T.historyEmpty);
    return ask(t);
  }
  const who = await actorLabels(t, shown.flat());
  const lines = shown.map((group) => {
    const e = group[0]!;
    const when = whenText(e.at, t.now);
    if (group.length === 1) return T.historyOne(when, who(e.actor), pathName(t, e.path), shownValue(e.path, e.value));
    return T.historyMany(when, who(e.actor), group.length, group.slice().reverse().map((x) => pathName(t, x.path)));
  });
  t.say([T.historyRecent, ...lines, T.historyHint].join('\n'));
  return ask(t);
}
