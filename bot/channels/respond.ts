/**
 * What the bot answers, with no botbuilder at run time: a message becomes one engine turn and its replies; someone
 * joining gets the greeting. `NianbaoBot` (an ActivityHandler, for CloudAdapter and TestAdapter) and the local
 * Direct Line both call this, so every channel answers alike; Direct Line thereby needs no botbuilder, whose loading
 * was most of the server's start-up and whose TurnContext machinery a share of every turn.
 */
import type { Activity } from 'botbuilder';
import type { Interviewer } from '../engine/index.js';
import { toActivities, toTurnInput, type AttachmentPolicy } from './activities.js';
import { keyOf, mentionsOf, type Origin } from './identity.js';
import { CT } from './texts.js';

export interface BotOptions {
  readonly interviewer: Interviewer;
  readonly attachments: AttachmentPolicy;
  link(draftId: string, version: number, fileName: string): string;
  readonly linkHours: number;
  /** Where errors are reported: never with what the clerk typed. */
  readonly log?: (line: string) => void;
  /** How the sender of an activity is known (bot/channels/identity.ts); default `botframework`. */
  readonly origin?: Origin;
}

/** Sends activities to the sender of the incoming one (TurnContext.sendActivities, or a Direct Line transcript). */
export type Send = (activities: Partial<Activity>[]) => Promise<void>;

export { keyOf } from './identity.js';

/** An error's kind and where it happened, without its message (which may quote the clerk). */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const frames = (e.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()).join(' ← ');
  return `${e.name}${frames ? ` at ${frames}` : ''}`;
}

/** A plain text as TurnContext.sendActivity(text) shapes it. */
const say = (text: string): Partial<Activity> => ({ text, inputHint: 'acceptingInput' });

export class Responder {
  constructor(private readonly options: BotOptions) {}

  /** Replies to a message. `prepare` runs first, inside the error guard (Teams: remove the bot's @mention). */
  async message(a: Partial<Activity>, send: Send, prepare?: (a: Partial<Activity>) => void): Promise<void> {
    // a card refresh carries nothing; an empty or blank message is answered (with the current question again)
    if (a.text === undefined && !a.value && !a.attachments?.length) return;
    try {
      prepare?.(a);
      const { input, notices } = await toTurnInput(a, this.options.attachments);
      const mentions = mentionsOf(a, this.options.origin);
      if (mentions.length) input.mentions = mentions;
      const replies = await this.options.interviewer.handle(keyOf(a, this.options.origin), input);
      const activities = [
        ...notices.map((text) => ({ type: 'message', text })),
        ...toActivities(replies, { channelId: a.channelId ?? '', link: this.options.link, linkHours: this.options.linkHours }),
      ];
      if (activities.length) await send(activities);
    } catch (e) {
      this.options.log?.(`处理消息出错（${a.channelId}）：${describeError(e)}`);
      await send([say(CT.failed)]);
    }
  }

  /** Greets whoever joined other than the bot. */
  async membersAdded(a: Partial<Activity>, send: Send): Promise<void> {
    const bot = a.recipient?.id;
    if ((a.membersAdded ?? []).some((m) => m.id !== bot)) await send([say(CT.welcome)]);
  }

  /** ActivityHandler's dispatch for the two kinds of activity this bot handles (the others get no answer). */
  async respond(a: Partial<Activity>, send: Send): Promise<void> {
    if (a.type === 'message') return this.message(a, send);
    if (a.type === 'conversationUpdate' && a.membersAdded?.length) return this.membersAdded(a, send);
  }
}
