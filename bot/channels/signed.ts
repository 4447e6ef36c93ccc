/**
 * Signed, expiring tokens (HMAC-SHA256) for Direct Line tokens and download links: stateless, so they survive a
 * restart and work across several instances that share the secret.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Verified tokens kept (a Direct Line client sends the same token with every request). */
const KEEP_VERIFIED = 10_000;

export class Signer {
  /** `purpose\ntoken` → its payload: the HMAC of a token already verified is not computed again (its expiry is). */
  private readonly verified = new Map<string, Readonly<{ exp: number }>>();

  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('signing key must be at least 32 bytes');
  }

  /** `purpose` separates token kinds: a download link is never accepted as a Direct Line token. */
  sign(purpose: string, payload: Record<string, unknown>): string {
    const body = b64(JSON.stringify(payload));
    return `${body}.${b64(this.mac(purpose, body))}`;
  }

  /** The payload, or undefined when the token is malformed, forged or past its `exp` (ms since the epoch). */
  verify<T extends { exp: number }>(purpose: string, token: string, now = Date.now()): T | undefined {
    const cacheKey = `${purpose}\n${token}`;
    const known = this.verified.get(cacheKey) as Readonly<T> | undefined;
    if (known) return known.exp > now ? known : undefined;
    const payload = this.check<T>(purpose, token, now);
    if (payload) {
      if (this.verified.size >= KEEP_VERIFIED) this.verified.clear();
      this.verified.set(cacheKey, Object.freeze(payload));
    }
    return payload;
  }

  private check<T extends { exp: number }>(purpose: string, token: string, now: number): T | undefined {
    const [body, sig, extra] = token.split('.');
    if (!body || !sig || extra !== undefined || token.length > 4096) return undefined;
    // Compared as text: decoding would ignore the spare bits of the last base64 character, so that four
    // spellings of one signature all passed (a link with its last character changed was still accepted).
    const expected = Buffer.from(b64(this.mac(purpose, body)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: T;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
    return typeof payload.exp === 'number' && payload.exp > now ? payload : undefined;
  }

  private mac(purpose: string, body: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\n${body}`).digest();
  }
}

/** The key: `NIANBAO_BOT_SECRET` (share it between instances), else a random key kept in the data directory. */
export function loadSigningKey(dataDir: string, env: Record<string, string | undefined>): Buffer {
  const fromEnv = env.NIANBAO_BOT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('NIANBAO_BOT_SECRET 至少需要 32 个字符');
    return Buffer.from(fromEnv, 'utf8');
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'bot-signing-key');
  try {
    const k = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (k.length >= 32) return k;
  } catch { /* first start */ }
  const k = randomBytes(32);
  writeFileSync(file, b64(k), { mode: 0o600, flag: 'w' });
  chmodSync(file, 0o600);
  return k;
}

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
