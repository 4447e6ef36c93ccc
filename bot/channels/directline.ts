/**
 * A local Direct Line 3.0 endpoint (`/v3/directline`) so botframework-webchat talks to the bot with no Azure:
 * tokens/generate, tokens/refresh, conversations (start, reconnect), activities (post, poll by watermark), upload.
 * Tokens are signed and bound to one conversation and user; the user id is the server's (see `tokens/generate`),
 * and the `from` a client writes into an activity is replaced by it.
 *
 * The transcript is in the store, not in memory: a page opened after a restart replays it, and any instance
 * sharing a PostgreSQL database serves any request. A message is numbered, answered and stored under the store's
 * lock for its conversation (an advisory lock on PostgreSQL), so two messages sent to two instances at once are
 * answered one after the other, and the transcript shows them in the order they were applied, each followed by
 * its replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder';
import type { Store } from '../store/index.js';
import { bearer, checkActivity, HttpError, isLoopback, parseActivity, readBody, readJson, sendJson, sendJsonText } from './http.js';
import type { Send } from './respond.js';
import { randomId, type Signer } from './signed.js';

const PURPOSE = 'directline';
/** A long-lived proof that this server issued a user id: the web page keeps it to be the same user next time. */
const TICKET = 'directline-user';
const TICKET_DAYS = 365;
const BOT = { id: 'nianbao', name: '年报助手', role: 'bot' };

interface TokenClaims { c: string; u: string; exp: number }

/** The activities one request adds to a transcript, numbered from the end found under the conversation's lock. */
class Batch {
  readonly activities: Partial<Activity>[] = [];
  constructor(readonly conversationId: string, readonly after: number, private readonly now: () => number) {}

  add(activity: Partial<Activity>): string {
    const id = `${this.conversationId}|${String(this.after + this.activities.length + 1).padStart(7, '0')}`;
    this.activities.push({
      ...activity, id, conversation: { id: this.conversationId } as Activity['conversation'], channelId: 'directline', timestamp: new Date(this.now()),
    });
    return id;
  }
}

export interface DirectLineOptions {
  readonly signer: Signer;
  /** Where transcripts are kept (and whose `serialize` orders the turns of a conversation). */
  readonly store: Store;
  /** Token lifetime; refreshed by the client before it runs out. */
  readonly tokenSeconds?: number;
  /** Without it, only loopback clients may call tokens/generate. */
  readonly secret?: string;
  readonly maxActivityBytes?: number;
  readonly maxUploadBytes?: number;
  /** Activities kept per conversation for polling and replay. */
  readonly keep?: number;
  readonly now?: () => number;
}

/** Answers an incoming activity through `send` (the bot's `Responder.respond`). */
export type DirectLineBot = (activity: Partial<Activity>, send: Send) => Promise<void>;

export class DirectLine {
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
  private async run(incoming: Partial<Activity>, batch: Batch): Promise<void> {
    const send: Send = async (activities) => {
      for (const a of activities) {
        if (a.type === 'delay') continue;
        const { id: _dropped, ...reply } = a;
        batch.add({
          ...reply, type: reply.type ?? 'message', locale: reply.locale ?? incoming.locale, serviceUrl: incoming.serviceUrl,
          from: BOT, recipient: incoming.from, replyToId: incoming.id,
        });
      }
    };
    await this.bot(incoming, send).catch(() => undefined);
  }

  private issue(conversationId: string, userId: string): { conversationId: string; token: string; expires_in: number; ticket: string } {
    const token = this.options.signer.sign(PURPOSE, { c: conversationId, u: userId, exp: this.now() + this.tokenSeconds * 1000 });
    const ticket = this.options.signer.sign(TICKET, { u: userId, exp: this.now() + TICKET_DAYS * 86_400_000 });
    return { conversationId, token, expires_in: this.tokenSeconds, ticket };
  }

  /**
   * The user of a new token: named by the caller only when it proved to hold the Direct Line secret (a token
   * service speaks for its users); else the one in a ticket this server issued (the web page coming back after
   * its token expired); else a new random id. Never an id a client merely claims.
   */
  private userFor(body: { user?: { id?: unknown }; ticket?: unknown }, secretGiven: boolean): string {
    const asked = body.user?.id;
    if (secretGiven && typeof asked === 'string' && /^[\w-]{1,64}$/.test(asked)) return asked;
    const t = typeof body.ticket === 'string' ? this.options.signer.verify<{ u: string; exp: number }>(TICKET, body.ticket, this.now()) : undefined;
    return typeof t?.u === 'string' ? t.u : `dl_${randomId(9)}`;
  }

  /**
   * Runs `fn` under the conversation's lock with a batch numbered from its stored end, then stores the batch.
   * `onlyNew`: no batch (nothing to add) when the conversation already has a transcript.
   */
  private async locked<T>(conversationId: string, fn: (batch: Batch | undefined) => Promise<T>, onlyNew = false): Promise<T> {
    const { store } = this.options;
    return store.serialize(`directline:${conversationId}`, async () => {
      const end = await store.transcriptEnd(conversationId);
      const batch = !onlyNew || end === undefined ? new Batch(conversationId, end ?? 0, this.now) : undefined;
      const out = await fn(batch);
      if (batch) await store.appendTranscript(conversationId, batch.after, batch.activities, this.options.keep ?? 500);
      return out;
    });
  }

  private claims(req: IncomingMessage, conversationId?: string): TokenClaims {
    const token = bearer(req);
    const claims = token ? this.options.signer.verify<TokenClaims>(PURPOSE, token, this.now()) : undefined;
    if (!claims) throw new HttpError(403, 'Direct Line 令牌无效或已过期');
    if (conversationId !== undefined && claims.c !== conversationId) throw new HttpError(403, '令牌与会话不符');
    return claims;
  }

  /** Forgets transcripts idle for longer than `ms` (their interviews stay in the store). */
  async sweep(ms: number): Promise<number> {
    return this.options.store.sweepTranscripts(new Date(this.now() - ms));
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
    return this.locked(claims.c, async (batch) => {
      const id = batch!.add(echo);
      await this.run({ ...incoming, id, channelId: 'directline', conversation: { id: claims.c } as Activity['conversation'], timestamp: new Date(this.now()) }, batch!);
      return id;
    });
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
      const body = (await readJson(req, 4096)) as { user?: { id?: unknown }; ticket?: unknown };
      sendJson(res, 200, this.issue(randomId(), this.userFor(body && typeof body === 'object' ? body : {}, !!secret)));
    } else if (route === '/tokens/refresh' && method === 'POST') {
      const c = this.claims(req);
      sendJson(res, 200, this.issue(c.c, c.u));
    } else if (route === '/conversations' && method === 'POST') {
      const c = this.claims(req);
      // as Direct Line does: tell the bot who joined (it greets the user), once per conversation, before answering
      // (a client polls right after and must find the greeting)
      await this.locked(c.c, async (batch) => {
        if (!batch) return;
        await this.run({
          type: 'conversationUpdate', channelId: 'directline', serviceUrl: 'directline:local', id: randomId(),
          conversation: { id: c.c } as Activity['conversation'], from: { id: c.u, name: '' }, recipient: BOT,
          membersAdded: [BOT, { id: c.u, name: '' }],
        }, batch);
      }, true);
      sendJson(res, 201, this.issue(c.c, c.u));
    } else if ((r = /^\/conversations\/([\w-]{1,64})$/.exec(route)) && method === 'GET') {
      const c = this.claims(req, r[1]);
      sendJson(res, 200, this.issue(c.c, c.u));
    } else if ((r = /^\/conversations\/([\w-]{1,64})\/activities$/.exec(route))) {
      const c = this.claims(req, r[1]);
      if (method === 'POST') {
        const activity = checkActivity(await readJson(req, this.options.maxActivityBytes ?? 256 * 1024)) as Partial<Activity>;
        sendJson(res, 200, { id: await this.receive(c, activity) });
      } else if (method === 'GET') {
        // the watermark is the number of the last activity seen (anything else, e.g. one from before the
        // transcript was stored: from the start)
        const w = query.get('watermark') ?? '';
        const after = /^\d{1,12}$/.test(w) ? Number(w) : 0;
        const rows = await this.options.store.readTranscript(c.c, after, 500);
        // the stored JSON of each activity as it is: what JSON.stringify({ activities, watermark }) would write
        const watermark = JSON.stringify(String(rows.length ? rows[rows.length - 1]!.seq : after));
        sendJsonText(res, 200, `{"activities":[${rows.map((x) => x.json).join(',')}],"watermark":${watermark}}`);
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
