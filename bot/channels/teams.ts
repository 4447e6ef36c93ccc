/**
 * `/api/messages` for Teams and Azure Bot Service: botbuilder's CloudAdapter with the Bot Framework JWT check
 * (when MicrosoftAppId is set), behind a body cap and a list of service URLs the bot may reply to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity, type TurnContext,
} from 'botbuilder';
import { checkActivity, HttpError, readJson, sendError } from './http.js';
import { serviceUrlAllowed } from './service-urls.js';

export interface BotAppConfig {
  readonly MicrosoftAppId?: string;
  readonly MicrosoftAppPassword?: string;
  /** MultiTenant | SingleTenant | UserAssignedMSI */
  readonly MicrosoftAppType?: string;
  readonly MicrosoftAppTenantId?: string;
}

export { DEFAULT_SERVICE_URLS, LOCAL_SERVICE_URLS, serviceUrlAllowed } from './service-urls.js';

export interface TeamsEndpointOptions {
  readonly config: BotAppConfig;
  readonly serviceUrls: readonly string[];
  readonly maxBytes?: number;
  readonly log?: (line: string) => void;
}

/** CloudAdapter with its authenticate-then-run step callable without `process`, which console.error()s refusals. */
class Adapter extends CloudAdapter {
  run(auth: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

export class TeamsEndpoint {
  readonly adapter: Adapter;

  constructor(private readonly options: TeamsEndpointOptions, private readonly logic: (context: TurnContext) => Promise<void>) {
    const c = Object.fromEntries(Object.entries(options.config).filter(([, v]) => v)) as Record<string, string>;
    this.adapter = new Adapter(new ConfigurationBotFrameworkAuthentication(c, new ConfigurationServiceClientCredentialFactory(c)));
    this.adapter.onTurnError = async (_context, error) => {
      options.log?.(`Bot Framework 通道出错：${error.name}`);
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, '只接受 POST');
    const body = checkActivity(await readJson(req, this.options.maxBytes ?? 1024 * 1024));
    // Replies go to serviceUrl: never to a place not on the list (whatever the token says).
    if (typeof body.serviceUrl !== 'string' || !serviceUrlAllowed(body.serviceUrl, this.options.serviceUrls)) {
      throw new HttpError(403, 'serviceUrl 不在允许的列表中');
    }
    // processActivity rather than CloudAdapter.process: the latter console.error()s every refused token with its
    // whole stack; here a refusal is one log line and a 401.
    const activity = body as unknown as Activity;
    for (const k of ['timestamp', 'localTimestamp', 'expiration'] as const) {
      if (typeof activity[k] === 'string') (activity as unknown as Record<string, unknown>)[k] = new Date(activity[k] as unknown as string);
    }
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    let invoke: { status: number; body?: unknown } | undefined;
    try {
      invoke = await this.adapter.run(auth, activity, this.logic);
    } catch (e) {
      const status = (e as { statusCode?: unknown }).statusCode;
      if (status === 401 || status === 403) throw new HttpError(401, '未通过 Bot Framework 身份验证'); // the server logs it
      this.options.log?.(`Bot Framework 通道出错：${e instanceof Error ? e.name : typeof e}`);
      throw new HttpError(500, '处理失败');
    }
    const status = invoke?.status ?? 200;
    if (status >= 400) return sendError(res, status, '处理失败');
    const text = invoke?.body === undefined ? '' : JSON.stringify(invoke.body);
    res.writeHead(status, text ? { 'content-type': 'application/json; charset=utf-8' } : {});
    res.end(text);
  }
}
