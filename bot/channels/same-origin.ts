/**
 * What keeps web pages the clerk visits away from the bot (issue 8 §2). A server on 127.0.0.1 is reachable from
 * every page in the clerk's browser: a cross-site `text/plain` POST needs no CORS preflight, and a page whose own
 * host name later resolves to 127.0.0.1 (DNS rebinding) even counts as same-origin for the browser. The browser
 * cannot lie about two headers, so the server checks them:
 * - `Host` must name the address the server listens on (loopback-bound servers only: a public server is reached
 *   under whatever name its proxy uses, and the Bot Framework's JWT guards it);
 * - `Origin`, when present, must be the server's own (the Host the request came to, or NIANBAO_PUBLIC_URL);
 * - `/api/messages` takes `application/json` only (a cross-site form or `text/plain` POST cannot send that
 *   without a preflight, which this server never answers).
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

export interface SameOriginOptions {
  /** Port the server listens on. */
  readonly port: number;
  /** Listening on loopback only: then Host must be one of the loopback names with this port. */
  readonly loopback: boolean;
  /** NIANBAO_PUBLIC_URL, whose host and origin are also the server's own. */
  readonly publicUrl?: string;
}

export class SameOrigin {
  private readonly hosts: Set<string>;
  private readonly publicOrigin: string | undefined;

  constructor(private readonly options: SameOriginOptions) {
    const p = options.port;
    this.hosts = new Set([`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`]);
    let pub: URL | undefined;
    try {
      pub = options.publicUrl ? new URL(options.publicUrl) : undefined;
    } catch {
      pub = undefined;
    }
    if (pub) this.hosts.add(pub.host.toLowerCase());
    this.publicOrigin = pub?.origin.toLowerCase();
  }

  /** Throws 403 (with a short Chinese reason) for a request a foreign page could have made. */
  check(req: IncomingMessage): void {
    const host = (req.headers.host ?? '').toLowerCase();
    if (this.options.loopback && !this.hosts.has(host)) throw new HttpError(403, '请求的主机名与本服务不符');
    const origin = req.headers.origin;
    if (origin !== undefined && !this.ownOrigin(origin.toLowerCase(), host)) throw new HttpError(403, '不接受来自其他网站的请求');
  }

  private ownOrigin(origin: string, host: string): boolean {
    if (origin === this.publicOrigin) return true;
    return !!host && (origin === `http://${host}` || origin === `https://${host}`);
  }

  /** `/api/messages`: JSON only. */
  static requireJson(req: IncomingMessage): void {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(415, '只接受 application/json');
  }
}
