/**
 * The bot's HTTP server: the chat page with botframework-webchat (from node_modules, no CDN), a local Direct Line
 * endpoint, `/api/messages` for Teams and Azure Bot Service, and expiring download links.
 * With no MicrosoftAppId it listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createInterviewer } from './engine/index.js';
import { defaultDataDir, openStore, type Store } from './store/index.js';
import { DirectLine } from './channels/directline.js';
import { DownloadLinks } from './channels/files.js';
import { HttpError, sendError } from './channels/http.js';
import { SameOrigin } from './channels/same-origin.js';
import { loadSigningKey, Signer } from './channels/signed.js';
import { Responder, type BotOptions } from './channels/respond.js';
import { allowedServiceUrls } from './channels/service-urls.js';
import type { TeamsEndpoint } from './channels/teams.js';
import { CT } from './channels/texts.js';

export interface BotServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /** postgres://… for several instances (default: DATABASE_URL from the environment). */
  databaseUrl?: string;
  /** Configuration (default: process.env): MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType,
   *  MicrosoftAppTenantId, NIANBAO_PUBLIC_URL, NIANBAO_ALLOWED_SERVICE_URLS, NIANBAO_ATTACHMENT_HOSTS,
   *  NIANBAO_DIRECTLINE_SECRET, NIANBAO_BOT_SECRET. */
  env?: Record<string, string | undefined>;
  /** Start-up and error lines (never what a clerk typed). Default: console.log. */
  log?: (line: string) => void;
}

export interface BotServer {
  url: string;
  close(): Promise<void>;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const WEB = join(HERE, 'web');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const LOOPBACK_ADDRESS = /^(127\.|::1$|::ffff:127\.)/;

function webchatBundle(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** The path of a request for a log line: no query (tokens travel there), no control characters, bounded. */
const safePath = (url: string | undefined) => (url ?? '').split('?')[0]!.replace(/[^\x21-\x7e]/g, '?').slice(0, 120);

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

const STATIC: Record<string, { file: () => string; type: string }> = {
  '/': { file: () => join(WEB, 'index.html'), type: 'text/html; charset=utf-8' },
  '/index.html': { file: () => join(WEB, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: () => join(WEB, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: () => join(WEB, 'app.css'), type: 'text/css; charset=utf-8' },
  '/webchat/webchat.js': { file: webchatBundle, type: 'text/javascript; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

export async function startBotServer(opts: BotServerOptions = {}): Promise<BotServer> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.log(line));
  const appId = env.MicrosoftAppId?.trim() || undefined;
  let host = opts.host ?? env.NIANBAO_BOT_HOST ?? (appId ? '0.0.0.0' : '127.0.0.1');
  if (!appId && !LOOPBACK.has(host)) host = '127.0.0.1'; // no Bot Framework auth: never reachable from the network
  const port = opts.port ?? (env.PORT ? Number(env.PORT) : 3978);
  const dataDir = resolve(opts.dataDir ?? env.NIANBAO_DATA_DIR ?? defaultDataDir());
  const databaseUrl = opts.databaseUrl ?? env.DATABASE_URL;

  const store: Store = await openStore(databaseUrl ? { dataDir, databaseUrl } : { dataDir });
  const interviewer = createInterviewer(store);
  const signer = new Signer(loadSigningKey(dataDir, env));

  const linkHours = Number(env.NIANBAO_LINK_HOURS) || 24;
  let links: DownloadLinks | undefined; // needs the address, known once listening
  const botOptions: BotOptions = {
    interviewer,
    attachments: { hosts: list(env.NIANBAO_ATTACHMENT_HOSTS ?? '*.sharepoint.com,*.sharepoint.cn'), maxBytes: 5 * 2 ** 20 },
    link: (d, v, f) => links!.link(d, v, f),
    linkHours,
    log,
  };
  // The local Direct Line calls the bot's Responder itself; botbuilder (CloudAdapter, the ActivityHandler over the
  // same Responder) is loaded for /api/messages only: at start-up when an app id says Teams is the point, else on
  // the first request (the Bot Framework Emulator), so that a local start does not wait for it.
  const responder = new Responder({ ...botOptions, origin: 'directline' });
  const directLine = new DirectLine({ signer, store, secret: env.NIANBAO_DIRECTLINE_SECRET || undefined, tokenSeconds: 8 * 3600 }, (a, send) => responder.respond(a, send));
  let teamsLoading: Promise<TeamsEndpoint> | undefined;
  const teams = () => (teamsLoading ??= (async () => {
    const [{ TeamsEndpoint }, { NianbaoBot }] = await Promise.all([import('./channels/teams.js'), import('./channels/bot.js')]);
    // without an app id nothing vouches for who sent an activity (bot/channels/identity.ts)
    const bot = new NianbaoBot({ ...botOptions, origin: appId ? 'botframework' : 'unverified' });
    return new TeamsEndpoint({
      config: { MicrosoftAppId: appId, MicrosoftAppPassword: env.MicrosoftAppPassword, MicrosoftAppType: env.MicrosoftAppType, MicrosoftAppTenantId: env.MicrosoftAppTenantId },
      serviceUrls: allowedServiceUrls(env, appId, url),
      log,
    }, (context) => bot.run(context));
  })().catch((e: unknown) => {
    teamsLoading = undefined; // try again on the next request
    throw e;
  }));
  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  const url = `http://${shownHost}:${address.port}/`;
  links = new DownloadLinks(signer, env.NIANBAO_PUBLIC_URL || url, linkHours);
  const sameOrigin = new SameOrigin({ port: address.port, loopback: LOOPBACK_ADDRESS.test(address.address), publicUrl: env.NIANBAO_PUBLIC_URL });
  if (appId) await teams();

  // stored transcripts (replayed when a page comes back) are kept for 30 days after their last message
  const sweep = setInterval(() => void directLine.sweep(30 * 86_400_000).catch(() => undefined), 3600_000);
  sweep.unref();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const u = new URL(req.url ?? '/', 'http://local');
    const path = u.pathname;
    sameOrigin.check(req);
    if (path === '/api/messages') {
      if (req.method === 'POST') SameOrigin.requireJson(req);
      return (await teams()).handle(req, res);
    }
    if (await directLine.handle(req, res, path, u.searchParams)) return;
    const file = /^\/files\/([\w.-]{20,2000})$/.exec(path);
    if (file && req.method === 'GET') return links!.serve(res, file[1]!, store);
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
      return;
    }
    const s = STATIC[path];
    if (s && (req.method === 'GET' || req.method === 'HEAD')) {
      const body = await readFile(s.file());
      res.writeHead(200, { 'content-type': s.type, 'content-length': body.length, 'cache-control': path.startsWith('/webchat/') ? 'public, max-age=86400' : 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    throw new HttpError(404, '没有这个页面');
  }

  server.on('request', (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        // A refusal is one line (what, from where), never a stack: an attacker can make many.
        if (e.status === 401 || e.status === 403 || e.status === 415) log(`拒绝了请求 ${req.method} ${safePath(req.url)}：${e.status} ${e.message}`);
        sendError(res, e.status, e.message);
      }
      else {
        log(`请求出错：${e instanceof Error ? e.name : typeof e}`);
        sendError(res, 500, '服务器内部错误');
      }
      if (e instanceof HttpError && e.status === 413) req.resume();
    });
  });

  log(CT.listening(url));
  if (!appId) log(CT.localOnly(url));
  else log(CT.teamsEndpoint(env.NIANBAO_PUBLIC_URL || url));

  return {
    url,
    async close() {
      clearInterval(sweep);
      server.closeAllConnections?.();
      await new Promise<void>((ok) => server.close(() => ok()));
      await store.close();
    },
  };
}
