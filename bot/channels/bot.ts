/**
 * The one bot every channel runs (Teams and Azure Bot Service through CloudAdapter, the local Direct Line, tests
 * through TestAdapter): a thin ActivityHandler between activities and the interview engine.
 */
import { ActivityHandler, TurnContext } from 'botbuilder';
import type { ConversationKey, Interviewer } from '../engine/index.js';
import { toActivities, toTurnInput, type AttachmentPolicy } from './activities.js';
import { CT } from './texts.js';

export interface BotOptions {
  readonly interviewer: Interviewer;
  readonly attachments: AttachmentPolicy;
  link(draftId: string, version: number, fileName: string): string;
  readonly linkHours: number;
  /** Where errors are reported: never with what the clerk typed. */
  readonly log?: (line: string) => void;
}

/** State is per channel, user and conversation: a clerk in two chats holds two interviews. */
export function keyOf(context: TurnContext): ConversationKey {
  const a = context.activity;
  const from = a.from as { id: string; aadObjectId?: string } | undefined;
  return {
    channelId: a.channelId ?? 'unknown',
    userId: from?.aadObjectId ?? from?.id ?? 'unknown',
    conversationId: a.conversation?.id ?? 'unknown',
  };
}

/** An error's kind and where it happened, without its message (which may quote the clerk). */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const frames = (e.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()).join(' ← ');
  return `${e.name}${frames ? ` at ${frames}` : ''}`;
}

export class NianbaoBot extends ActivityHandler {
  constructor(private readonly options: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== bot)) await context.sendActivity(CT.welcome);
      await next();
    });
  }

  private async message(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (!a.text && !a.value && !a.attachments?.length) return; // typing indicators, empty card refreshes
    try {
      if (a.channelId === 'msteams') TurnContext.removeRecipientMention(a);
      const { input, notices } = await toTurnInput(a, this.options.attachments);
      const replies = await this.options.interviewer.handle(keyOf(context), input);
      const activities = [
        ...notices.map((text) => ({ type: 'message', text })),
        ...toActivities(replies, { channelId: a.channelId, link: this.options.link, linkHours: this.options.linkHours }),
      ];
      if (activities.length) await context.sendActivities(activities);
    } catch (e) {
      this.options.log?.(`处理消息出错（${a.channelId}）：${describeError(e)}`);
      await context.sendActivity(CT.failed);
    }
  }
}
