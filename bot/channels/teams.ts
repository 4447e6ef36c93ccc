/**
 * `/api/messages` for Teams and Azure Bot Service: botbuilder's CloudAdapter with the Bot Framework JWT check
 * (when MicrosoftAppId is set), behind a body cap and a list of service URLs the bot may reply to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext,
} from 'botbuilder';
import { HttpError, readJson, sendError } from './http.js';
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

export class TeamsEndpoint {
  readonly adapter: CloudAdapter;

  constructor(private readonly options: TeamsEndpointOptions, private readonly logic: (context: TurnContext) => Promise<void>) {
    const c = Object.fromEntries(Object.entries(options.config).filter(([, v]) => v)) as Record<string, string>;
    this.adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(c, new ConfigurationServiceClientCredentialFactory(c)));
    this.adapter.onTurnError = async (_context, error) => {
      options.log?.(`Bot Framework 通道出错：${error.name}`);
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, '只接受 POST');
    const body = (await readJson(req, this.options.maxBytes ?? 1024 * 1024)) as Record<string, unknown>;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, '请求内容应为一个活动对象');
    // Replies go to serviceUrl: never to a place not on the list (whatever the token says).
    if (typeof body.serviceUrl !== 'string' || !serviceUrlAllowed(body.serviceUrl, this.options.serviceUrls)) {
      throw new HttpError(403, 'serviceUrl 不在允许的列表中');
    }
    let status = 200;
    const chunks: string[] = [];
    const shim = {
      socket: req.socket,
      status: (code: number) => { status = code; },
      header: (name: string, value: unknown) => res.setHeader(name, String(value)),
      send: (b: unknown) => { chunks.push(typeof b === 'string' ? b : JSON.stringify(b)); },
      end: () => {
        if (res.headersSent) return;
        const text = chunks.join('');
        if (status >= 400) sendError(res, status, status === 401 ? '未通过 Bot Framework 身份验证' : '处理失败');
        else {
          res.writeHead(status, text ? { 'content-type': 'application/json; charset=utf-8' } : {});
          res.end(text);
        }
      },
    };
    await this.adapter.process({ body, headers: req.headers as Record<string, string>, method: 'POST' }, shim, this.logic);
  }
}
