/**
 * The bot server as a child process: the sources through tsx for tests (`node --import tsx bot/main.ts`), or the
 * built `dist/bot.js`, as `npm run bot` starts it, for the benchmark (`{ built: true }`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../bot/main.ts', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/bot.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export class BotProcess {
  readonly child: ChildProcess;
  readonly output: string[] = [];
  readonly started: number;
  url = '';

  constructor(dataDir: string, env: Record<string, string> = {}, options: { built?: boolean } = {}) {
    this.started = performance.now();
    this.child = spawn(process.execPath, options.built ? [BUILT] : ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: { ...process.env, NIANBAO_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => this.output.push(s));
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => this.output.push(s));
  }

  /** Resolves with the server's address once it says it listens. */
  ready(timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot did not start:\n${this.output.join('')}`)), timeoutMs);
      const check = () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(this.output.join(''));
        if (m) {
          clearTimeout(timer);
          this.url = m[0];
          resolve(m[0]);
        }
      };
      this.child.stdout!.on('data', check);
      this.child.once('exit', (code) => reject(new Error(`bot exited (${code}):\n${this.output.join('')}`)));
      check();
    });
  }

  private exit(): Promise<void> {
    return this.child.exitCode !== null || this.child.signalCode !== null ? Promise.resolve() : new Promise((r) => this.child.once('exit', () => r()));
  }

  /** kill -9: no chance to flush or close anything. */
  async kill9(): Promise<void> {
    const done = this.exit();
    this.child.kill('SIGKILL');
    await done;
  }

  async stop(): Promise<void> {
    const done = this.exit();
    this.child.kill('SIGTERM');
    await done;
  }
}
