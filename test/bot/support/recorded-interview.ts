/**
 * A whole interview recorded against the engine in-process, answered from a real fixture report: the inputs a
 * clerk sends and the text the bot answered to each. Replayed over the bot server's channels.
 */
import type { Reply, TurnInput } from '../../../bot/engine/index.js';
import { draftFormat, narrativeParts } from '../../../shared/index.js';
import { choicesOf, Clerk, interview, openBench, fixtureDraft } from '../clerk.js';

export interface RecordedTurn { input: string | TurnInput; reply: string }

/** Replies as the channel layer shows them on a card channel (see activitiesText). */
export function repliesText(replies: readonly Reply[]): string {
  return replies.map((r) => {
    switch (r.type) {
      case 'text': return r.text;
      case 'choices': return [r.text, ...r.choices.map((c) => `[${c.title}]`)].join('\n');
      case 'preview': return r.markdown;
      case 'download': return `[download ${r.fileName}]`;
    }
  }).join('\n');
}

class RecordingClerk extends Clerk {
  readonly turns: RecordedTurn[] = [];
  override async send(input: string | TurnInput): Promise<Reply[]> {
    const replies = await super.send(input);
    this.turns.push({ input, reply: repliesText(replies) });
    return replies;
  }
}

export async function recordInterview(fixture = 'huaian-2024', agency = '淮安市人民政府', year = 2024, level: '部门' | '政府' = '政府'): Promise<RecordedTurn[]> {
  const bench = await openBench();
  try {
    const target = fixtureDraft(fixture);
    const clerk = new RecordingClerk(bench);
    await clerk.start(agency, year, level);
    const a = target.agency;
    await interview(clerk, target, a.address && a.postcode && a.phone ? { contact: { address: a.address, postcode: a.postcode, phone: a.phone } } : {});
    // a required part the published report lacks: 完成 refuses and offers it; the clerk writes it from the format's example
    for (let i = 0; i < 5 && !clerk.last.some((r) => r.type === 'download'); i++) {
      const open = choicesOf(clerk.last).find((c) => c.value.startsWith('修改 '));
      if (!open) break;
      await clerk.send({ value: { choice: open.value } });
      const part = narrativeParts(draftFormat(target)!, 'government').find((p) => p.id === open.value.slice(3));
      await clerk.send(part ? part.example : '0');
      await clerk.send('完成');
    }
    return clerk.turns;
  } finally {
    await bench.close();
  }
}
