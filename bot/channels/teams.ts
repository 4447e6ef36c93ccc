/**
 * `/api/messages` for Teams and Azure Bot Service: botbuilder's CloudAdapter with the Bot Framework JWT check
 * (when MicrosoftAppId is set), behind a body cap and a list of service URLs the bot may reply to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext,
} from 'botbuilder';
import { HttpError, readJson, sendError } from './http.js';

export interface BotAppConfig {
  readonly MicrosoftAppId?: string;
  readonly MicrosoftAppPassword?: string;
  /** MultiTenant | SingleTenant | UserAssignedMSI */
  readonly MicrosoftAppType?: string;
  readonly MicrosoftAppTenantId?: string;
}

/** Where Teams and Azure Bot Service send from (public cloud). Override with NIANBAO_ALLOWED_SERVICE_URLS. */
export const DEFAULT_SERVICE_URLS = ['https://smba.trafficmanager.net/', 'https://*.botframework.com/'];
/** With no app id (Bot Framework Emulator on this machine): loopback only, any port. */
export const LOCAL_SERVICE_URLS = ['http://127.0.0.1:*/', 'http://localhost:*/'];

// Patterns: a URL prefix; `*.` before the host for any subdomain; `:*` after the host for any port.
export function serviceUrlAllowed(serviceUrl: string, patterns: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(serviceUrl);
  } catch {
    return false;
  }
  return patterns.some((p) => {
    const m = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(p.trim());
    if (!m) return false;
    const [, scheme, host, port, path] = m;
    if (u.protocol !== `${scheme}:`) return false;
    const h = u.hostname.toLowerCase();
    const hostOk = host!.startsWith('*.') ? h.endsWith(host!.slice(1).toLowerCase()) : h === host!.toLowerCase();
    const portOk = port === '*' || (port ? u.port === port : u.port === '');
    return hostOk && portOk && u.pathname.startsWith(path ?? '/');
  });
}

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
