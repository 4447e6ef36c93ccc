/** The choices a question offers (card buttons, or a numbered list) and reading a reply against them. */
import { questionList, type Question } from './questions.js';
import { tableFindings } from './tables.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';
import type { Choice } from './types.js';

function yesNo(q: Extract<Question, { type: 'gate' }>, first: boolean): Choice[] {
  // the first block of 表二 also offers 「表二全部为 0」 for a body with nothing to report there
  if (q.table === 't2') return [{ title: T.gateT2Yes, value: 'yes' }, { title: T.gateT2No, value: 'no' }, ...(first ? [{ title: T.gateT2AllZero, value: 'all-zero' }] : [])];
  if (q.id === 'gate.t3') return [{ title: T.gateT3Yes, value: 'yes' }, { title: T.gateT3No, value: 'no' }];
  return [{ title: T.yes, value: 'yes' }, { title: T.no, value: 'no' }];
}

/** The choices a question offers (matched against typed text and numbers too). */
export function choicesOf(t: Turn, q: Question): Choice[] {
  switch (q.type) {
    case 'meta':
      return q.id === 'agency.level'
        ? [{ title: T.levelDepartment, value: 'department' }, { title: T.levelGovernment, value: 'government' }]
        : [];
    case 'gate': return yesNo(q, q.table === 't2' && questionList(t.draft!, t.state).find((x) => x.type === 'gate' && x.table === 't2')?.id === q.id);
    case 'applicants': return [{ title: T.applicantsOnlyNatural, value: 'natural' }, { title: T.applicantsAll, value: 'all' }];
    case 'check': {
      const qs = questionList(t.draft!, t.state);
      const fixes = new Map<string, string>();
      for (const f of tableFindings(t.draft!, q.table).filter((x) => x.severity === 'error')) {
        for (const id of f.cells) {
          const cq = qs.find((x) => x.id === id && x.type === 'cell');
          if (cq && cq.type === 'cell' && fixes.size < 8) fixes.set(id, T.checkFix(cq.cell.label));
        }
      }
      return [...[...fixes].map(([id, title]) => ({ title, value: `修改 ${id}` })), { title: T.checkContinue, value: 'continue' }];
    }
    case 'narrative':
      return q.id === 'preamble' ? [{ title: T.preambleStandard, value: 'standard' }] : [];
    default: return [];
  }
}

/** Matches typed text or a card value against choices: the value, the title, or its number in the list. */
export function matchChoice(text: string, choices: readonly Choice[], byNumber = true): string | undefined {
  const s = text.trim();
  const hit = choices.find((c) => c.value === s || c.title === s);
  if (hit) return hit.value;
  if (byNumber && /^\d{1,2}$/.test(s)) return choices[Number(s) - 1]?.value;
  return undefined;
}

