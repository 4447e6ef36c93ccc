/**
 * The bot for botbuilder's adapters (Teams and Azure Bot Service through CloudAdapter, tests through TestAdapter):
 * a thin ActivityHandler over `Responder`, which the local Direct Line calls directly.
 */
import { ActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { Responder, type BotOptions, type Send } from './respond.js';
import { completeMentions, type Roster } from './roster.js';

export { describeError, keyOf, type BotOptions } from './respond.js';

export class NianbaoBot extends ActivityHandler {
  /** `roster`: where a Teams mention's Entra object id is looked up when the mention lacks it (tests stub it). */
  constructor(options: BotOptions & { readonly roster?: Roster }) {
    super();
    const responder = new Responder(options);
    const send = (context: TurnContext): Send => async (activities) => {
      await context.sendActivities(activities);
    };
    this.onMessage(async (context, next) => {
      await completeMentions(context, options.roster);
      await responder.message(context.activity, send(context), (a) => {
        if (a.channelId === 'msteams') TurnContext.removeRecipientMention(a as Activity);
      });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await responder.membersAdded(context.activity, send(context));
      await next();
    });
  }
}
