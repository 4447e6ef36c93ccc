/**
 * A local Direct Line 3.0 endpoint (`/v3/directline`) so botframework-webchat talks to the bot with no Azure:
 * tokens/generate, tokens/refresh, conversations (start, reconnect), activities (post, poll by watermark), upload.
 * Tokens are signed and bound to one conversation and user. Conversations outlive a restart: the token still
 * verifies and the interview state is in the store; only the in-memory transcript starts afresh.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder';
import { bearer, checkActivity, HttpError, isLoopback, parseActivity, readBody, readJson, sendJson } from './http.js';
import type { Send } from './respond.js';
import { randomId, type Signer } from './signed.js';

const PURPOSE = 'directline';
const BOT = { id: 'nianbao', name: '年报助手', role: 'bot' };

interface TokenClaims { c: string; u: string; exp: number }

interface Transcript {
  /** Activities with index ≥ `base` (older ones were trimmed). */
  activities: Partial<Activity>[];
  base: number;
  touched: number;
}

export interface DirectLineOptions {
  readonly signer: Signer;
  /** Token lifetime; refreshed by the client before it runs out. */
  readonly tokenSeconds?: number;
  /** Without it, only loopback clients may call tokens/generate. */
  readonly secret?: string;
  readonly maxActivityBytes?: number;
  readonly maxUploadBytes?: number;
  /** Activities kept per conversation for polling. */
  readonly keep?: number;
  readonly now?: () => number;
}

/** Answers an incoming activity through `send` (the bot's `Responder.respond`). */
export type DirectLineBot = (activity: Partial<Activity>, send: Send) => Promise<void>;

export class DirectLine {
  private readonly transcripts = new Map<string, Transcript>();
  /** Distinguishes watermarks of this process from those handed out before a restart. */
  private readonly boot = randomId(4);
  private readonly now: () => number;
  private readonly tokenSeconds: number;

  constructor(private readonly options: DirectLineOptions, private readonly bot: DirectLineBot) {
    this.now = options.now ?? Date.now;
    this.tokenSeconds = options.tokenSeconds ?? 3600;
  }

  /**
   * Runs the bot on an incoming activity; its replies go into the transcript addressed as botbuilder's
   * TurnContext.sendActivities would address them (conversation reference applied, type defaulting to message,
   * reply to the incoming id). The bot reports its own errors: one escaping here is dropped, as the botbuilder
   * adapter's empty onTurnError did.
   */
  private async run(incoming: Partial<Activity>): Promise<void> {
    const conv = incoming.conversation!.id;
    const send: Send = async (activities) => {
      for (const a of activities) {
        if (a.type === 'delay') continue;
        const { id: _dropped, ...reply } = a;
        this.append(conv, {
          ...reply, type: reply.type ?? 'message', locale: reply.locale ?? incoming.locale, serviceUrl: incoming.serviceUrl,
          from: BOT, recipient: incoming.from, replyToId: incoming.id,
        });
      }
    };
    await this.bot(incoming, send).catch(() => undefined);
  }

  private issue(conversationId: string, userId: string): { conversationId: string; token: string; expires_in: number } {
    const token = this.options.signer.sign(PURPOSE, { c: conversationId, u: userId, exp: this.now() + this.tokenSeconds * 1000 });
    return { conversationId, token, expires_in: this.tokenSeconds };
  }

  private claims(req: IncomingMessage, conversationId?: string): TokenClaims {
    const token = bearer(req);
    const claims = token ? this.options.signer.verify<TokenClaims>(PURPOSE, token, this.now()) : undefined;
    if (!claims) throw new HttpError(403, 'Direct Line 令牌无效或已过期');
    if (conversationId !== undefined && claims.c !== conversationId) throw new HttpError(403, '令牌与会话不符');
    return claims;
  }

  private transcript(conversationId: string): Transcript {
    let t = this.transcripts.get(conversationId);
    if (!t) this.transcripts.set(conversationId, (t = { activities: [], base: 0, touched: this.now() }));
    t.touched = this.now();
    return t;
  }

  /** Adds an activity to a conversation's transcript; returns its id. */
  append(conversationId: string, activity: Partial<Activity>): string {
    const t = this.transcript(conversationId);
    const index = t.base + t.activities.length;
    const id = `${conversationId}|${String(index).padStart(7, '0')}`;
    t.activities.push({ ...activity, id, conversation: { id: conversationId } as Activity['conversation'], channelId: 'directline', timestamp: new Date(this.now()) });
    const keep = this.options.keep ?? 500;
    if (t.activities.length > keep) {
      const drop = t.activities.length - keep;
      t.activities.splice(0, drop);
      t.base += drop;
    }
    return id;
  }

  /** Forgets transcripts idle for longer than `ms` (their interviews stay in the store). */
  sweep(ms: number): void {
    const cutoff = this.now() - ms;
    for (const [id, t] of this.transcripts) if (t.touched < cutoff) this.transcripts.delete(id);
  }

  private watermarkIndex(w: string | null): number {
    if (!w) return 0;
    const [boot, n] = w.split('.');
    return boot === this.boot && n && /^\d+$/.test(n) ? Number(n) : 0; // a watermark from before a restart: all we have
  }

  private async receive(claims: TokenClaims, activity: Partial<Activity>): Promise<string> {
    const incoming: Partial<Activity> = {
      ...activity,
      from: { id: claims.u, name: activity.from?.name ?? '', role: 'user' },
      recipient: BOT,
      serviceUrl: 'directline:local',
    };
    // The echo lets webchat mark the message as sent; file contents are not echoed back.
    const echo = { ...incoming, attachments: incoming.attachments?.map(({ name, contentType }) => ({ name, contentType })) };
    const id = this.append(claims.c, echo);
    await this.run({ ...incoming, id, channelId: 'directline', conversation: { id: claims.c } as Activity['conversation'], timestamp: new Date(this.now()) });
    return id;
  }

  /** Handles a request under /v3/directline; returns false when the path is not one of its routes. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const m = /^\/v3\/directline(\/.*)$/.exec(path);
    if (!m) return false;
    const route = m[1]!;
    const method = req.method ?? 'GET';
    let r: RegExpExecArray | null;
    if (route === '/tokens/generate' && method === 'POST') {
      const secret = this.options.secret;
      const given = bearer(req);
      if (secret ? given !== secret : !isLoopback(req.socket.remoteAddress)) throw new HttpError(403, '需要 Direct Line 密钥');
      const body = (await readJson(req, 4096)) as { user?: { id?: unknown } };
      const asked = typeof body.user?.id === 'string' && /^[\w-]{1,64}$/.test(body.user.id) ? body.user.id : undefined;
      sendJson(res, 200, this.issue(randomId(), asked ?? `dl_${randomId(9)}`));
    } else if (route === '/tokens/refresh' && method === 'POST') {
      const c = this.claims(req);
      sendJson(res, 200, this.issue(c.c, c.u));
    } else if (route === '/conversations' && method === 'POST') {
      const c = this.claims(req);
      const fresh = !this.transcripts.has(c.c);
      this.transcript(c.c);
      sendJson(res, 201, this.issue(c.c, c.u));
      if (fresh) {
        // as Direct Line does: tell the bot who joined (it greets the user)
        await this.run({
          type: 'conversationUpdate', channelId: 'directline', serviceUrl: 'directline:local', id: randomId(),
          conversation: { id: c.c } as Activity['conversation'], from: { id: c.u, name: '' }, recipient: BOT,
          membersAdded: [BOT, { id: c.u, name: '' }],
        });
      }
    } else if ((r = /^\/conversations\/([\w-]{1,64})$/.exec(route)) && method === 'GET') {
      const c = this.claims(req, r[1]);
      this.transcript(c.c);
      sendJson(res, 200, this.issue(c.c, c.u));
    } else if ((r = /^\/conversations\/([\w-]{1,64})\/activities$/.exec(route))) {
      const c = this.claims(req, r[1]);
      if (method === 'POST') {
        const activity = checkActivity(await readJson(req, this.options.maxActivityBytes ?? 256 * 1024)) as Partial<Activity>;
        sendJson(res, 200, { id: await this.receive(c, activity) });
      } else if (method === 'GET') {
        const t = this.transcript(c.c);
        const from = Math.max(this.watermarkIndex(query.get('watermark')), t.base);
        const end = t.base + t.activities.length;
        sendJson(res, 200, { activities: t.activities.slice(from - t.base), watermark: `${this.boot}.${end}` });
      } else throw new HttpError(405, '不支持的方法');
    } else if ((r = /^\/conversations\/([\w-]{1,64})\/upload$/.exec(route)) && method === 'POST') {
      const c = this.claims(req, r[1]);
      const body = await readBody(req, this.options.maxUploadBytes ?? 5 * 2 ** 20);
      const parts = parseMultipart(body, String(req.headers['content-type'] ?? ''));
      const activityPart = parts.find((p) => p.name === 'activity');
      const activity: Partial<Activity> = activityPart ? (parseActivity(activityPart.data.toString('utf8')) as Partial<Activity>) : { type: 'message' };
      activity.attachments = parts.filter((p) => p !== activityPart).map((p) => ({
        name: p.filename ?? 'file', contentType: p.contentType,
        contentUrl: `data:${p.contentType};base64,${p.data.toString('base64')}`,
      }));
      sendJson(res, 200, { id: await this.receive(c, activity) });
    } else {
      throw new HttpError(404, '没有这个 Direct Line 接口');
    }
    return true;
  }
}

interface Part { name?: string; filename?: string; contentType: string; data: Buffer }

/** multipart/form-data as webchat's upload sends it (one part per file, and an `activity` part). */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new HttpError(400, '上传内容不是 multipart/form-data');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Part[] = [];
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(boundary, start);
    if (next < 0) break;
    const chunk = body.subarray(start + 2, next - 2); // skip CRLF after boundary and before the next
    const headEnd = chunk.indexOf('\r\n\r\n');
    if (headEnd >= 0) {
      const head = chunk.subarray(0, headEnd).toString('utf8');
      const disp = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
      const type = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
      const name = /\bname="([^"]*)"/i.exec(disp)?.[1];
      const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
      parts.push({ ...(name !== undefined ? { name } : {}), ...(filename !== undefined ? { filename } : {}), contentType: type, data: chunk.subarray(headEnd + 4) });
    }
    pos = next;
  }
  return parts;
}
