/** Small HTTP helpers for the bot server: capped bodies, JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Reads the request body, refusing (413) anything over `limit` bytes — by Content-Length or as it streams. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, '请求内容过大'));
  // Events rather than `for await`: the async iterator cost more than the rest of reading a small body.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new HttpError(413, '请求内容过大'));
        return;
      }
      chunks.push(chunk);
    };
    let ended = false;
    req.on('data', onData);
    req.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.once('error', reject);
    // 'close' follows every request, 'end' included: the error (its stack trace costs) only for one cut short
    req.once('close', () => {
      if (!ended) reject(new HttpError(400, '请求被中断'));
    });
  });
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, '请求内容不是有效的 JSON');
  }
}

/**
 * An activity as it arrives over HTTP, checked for the shape every handler relies on: an object with a string
 * `type`, and `attachments` (when present) an array of objects. Anything else is the sender's mistake: 400, never a
 * 500 from deep inside the bot.
 */
export function checkActivity(value: unknown): Record<string, unknown> & { type: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, '请求内容应为一个活动对象');
  const a = value as Record<string, unknown>;
  if (typeof a.type !== 'string') throw new HttpError(400, '缺少活动类型');
  if (a.attachments !== undefined && (!Array.isArray(a.attachments) || a.attachments.some((x) => !x || typeof x !== 'object'))) {
    throw new HttpError(400, '活动的 attachments 应为对象数组');
  }
  for (const k of ['text', 'channelId', 'serviceUrl'] as const) {
    if (a[k] !== undefined && typeof a[k] !== 'string') throw new HttpError(400, `活动的 ${k} 应为字符串`);
  }
  for (const k of ['from', 'conversation', 'recipient'] as const) {
    if (a[k] !== undefined && (!a[k] || typeof a[k] !== 'object' || Array.isArray(a[k]))) throw new HttpError(400, `活动的 ${k} 应为对象`);
  }
  return a as Record<string, unknown> & { type: string };
}

/** JSON text → a checked activity (400 when it is not JSON or not an activity). */
export function parseActivity(text: string): Record<string, unknown> & { type: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, '请求内容不是有效的 JSON');
  }
  return checkActivity(value);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** A body that is JSON text already. */
export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, { error: { code: String(status), message } });
}

/** `Authorization: Bearer …` → the token. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}
