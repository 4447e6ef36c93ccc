/**
 * One process owns a data directory. The lock is a listening Unix-domain socket, which the kernel takes away the
 * moment its process dies (kill -9 included): nothing stale is left to misread, unlike a pid file, whose pid may by
 * now name an unrelated process, and which lagged behind a process still exiting.
 * - Linux: an abstract socket (no file at all) named after the directory's real path;
 * - Windows: a named pipe, likewise;
 * - elsewhere: a socket file `owner.sock` in the directory; one that refuses connections belongs to a dead owner
 *   and is removed.
 * The socket also answers: a connecting peer gets `{"nianbao":1,"pid":…}` (so a refusal names the owner, and a
 * foreign listener is not mistaken for one), and may ask the owner to do something only it can, like an online
 * backup (`nianbao backup` while the bot runs). Anyone on the machine can connect to an abstract socket, so a
 * request must carry the key in `owner.key` (mode 0600 in the data directory): whoever can read it can read the
 * database anyway. `owner.pid` is still written, for people; nothing reads it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { StoreError } from './types.js';

export interface OwnerHello { nianbao: 1; pid: number }
export type LockRequest = { op: string; [k: string]: unknown };
export type LockHandler = (request: LockRequest) => Promise<unknown>;

export function lockAddress(dataDir: string): string {
  const real = realpathSync(dataDir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return `\0nianbao-store-${id}`;
  if (process.platform === 'win32') return `\\\\?\\pipe\\nianbao-store-${id}`;
  return join(real, 'owner.sock');
}

const fileSocket = (address: string) => !address.startsWith('\0') && !address.startsWith('\\\\');

/** Connects to the owner's socket: its hello and the open socket, 'none' when nobody listens, 'foreign' when
 *  something that is not nianbao does. */
async function probe(address: string, timeoutMs = 1000): Promise<{ hello: OwnerHello; socket: Socket } | 'none' | 'foreign'> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let buf = '';
    const timer = setTimeout(() => done('foreign'), timeoutMs);
    const done = (r: Awaited<ReturnType<typeof probe>>) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (typeof r === 'string') socket.destroy();
      resolve(r);
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      try {
        const hello = JSON.parse(buf.slice(0, nl)) as OwnerHello;
        if (hello.nianbao === 1 && Number.isInteger(hello.pid)) {
          return done({ hello, socket });
        }
      } catch { /* not ours */ }
      done('foreign');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? 'none' : 'foreign'));
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DirLock {
  private handler: LockHandler | undefined;
  private constructor(private readonly server: Server, private readonly address: string, private readonly dataDir: string, private readonly key: Buffer) {}

  /**
   * Takes the directory, waiting up to `waitMs` for a live owner to go (a restart right after stopping the old
   * process). Refuses, naming the owner's pid, when one is still there after that.
   */
  static async acquire(dataDir: string, waitMs = 5000): Promise<DirLock> {
    const address = lockAddress(dataDir);
    const deadline = Date.now() + waitMs;
    for (;;) {
      const server = await listen(address);
      if (server) {
        writeFileSync(join(dataDir, 'owner.pid'), `${process.pid}\n`);
        const key = randomBytes(32);
        writeFileSync(join(dataDir, 'owner.key'), key.toString('hex'), { mode: 0o600 });
        const lock = new DirLock(server, address, dataDir, key);
        server.on('connection', (s) => lock.serve(s));
        return lock;
      }
      const owner = await probe(address);
      if (owner === 'none') {
        if (fileSocket(address)) rmSync(address, { force: true }); // a dead owner's socket file
        continue;
      }
      const who = typeof owner === 'string' ? undefined : owner.hello.pid;
      if (typeof owner !== 'string') owner.socket.destroy();
      if (Date.now() >= deadline) {
        throw new StoreError(who ? `数据目录 ${dataDir} 正被进程 ${who} 使用（年报助手已在运行？）` : `数据目录 ${dataDir} 的锁被其他程序占用`);
      }
      await pause(100);
    }
  }

  /** What this owner does when a peer asks (the store sets it once the database is open). */
  handle(handler: LockHandler): void {
    this.handler = handler;
  }

  private serve(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.write(`${JSON.stringify({ nianbao: 1, pid: process.pid } satisfies OwnerHello)}\n`);
    let buf = '';
    socket.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.length > 64 * 1024) return void socket.destroy();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        void this.answer(line).then((reply) => socket.write(`${JSON.stringify(reply)}\n`));
      }
    });
  }

  private async answer(line: string): Promise<{ ok: true; value?: unknown } | { ok: false; error: string }> {
    try {
      const request = JSON.parse(line) as LockRequest;
      const key = Buffer.from(typeof request?.key === 'string' ? request.key : '', 'hex');
      if (key.length !== this.key.length || !timingSafeEqual(key, this.key)) return { ok: false, error: '请求没有数据目录的密钥' };
      if (!this.handler || typeof request.op !== 'string') return { ok: false, error: '不支持的请求' };
      return { ok: true, value: await this.handler(request) };
    } catch (e) {
      return { ok: false, error: e instanceof StoreError ? e.message : `请求失败（${e instanceof Error ? e.name : typeof e}）` };
    }
  }

  async release(): Promise<void> {
    rmSync(join(this.dataDir, 'owner.pid'), { force: true });
    rmSync(join(this.dataDir, 'owner.key'), { force: true });
    await new Promise<void>((ok) => this.server.close(() => ok()));
    if (fileSocket(this.address)) rmSync(this.address, { force: true });
  }
}

function listen(address: string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(undefined) : reject(e)));
    server.listen(address, () => {
      server.removeAllListeners('error');
      server.on('error', () => undefined);
      server.unref(); // the lock must not keep a finished process alive
      resolve(server);
    });
  });
}

/**
 * Asks the live owner of `dataDir` to do `request`; undefined when no nianbao process owns the directory.
 */
export async function askOwner(dataDir: string, request: LockRequest, timeoutMs = 120_000): Promise<{ pid: number; value: unknown } | undefined> {
  const owner = await probe(lockAddress(dataDir));
  if (owner === 'none') return undefined;
  if (owner === 'foreign') throw new StoreError(`数据目录 ${dataDir} 的锁被其他程序占用`);
  const { socket, hello } = owner;
  try {
    return await new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new StoreError(`进程 ${hello.pid} 没有在 ${timeoutMs / 1000} 秒内答复`)), timeoutMs);
      socket.on('data', (chunk: string) => {
        buf += chunk;
        const nl = buf.indexOf('\n');
        if (nl < 0) return;
        clearTimeout(timer);
        const reply = JSON.parse(buf.slice(0, nl)) as { ok: boolean; value?: unknown; error?: string };
        if (reply.ok) resolve({ pid: hello.pid, value: reply.value });
        else reject(new StoreError(reply.error ?? '请求失败'));
      });
      socket.on('close', () => reject(new StoreError(`进程 ${hello.pid} 中断了连接`)));
      let key = '';
      try {
        key = readFileSync(join(dataDir, 'owner.key'), 'utf8').trim();
      } catch { /* the owner refuses */ }
      socket.write(`${JSON.stringify({ ...request, key })}\n`);
    });
  } finally {
    socket.destroy();
  }
}
