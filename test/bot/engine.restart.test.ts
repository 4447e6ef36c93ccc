/** Killing the bot process (SIGKILL) mid-interview and starting it again resumes at the same question, answers intact. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/engine/index.js';
import { openStore } from '../../bot/store/index.js';

const SCRIPT = fileURLToPath(new URL('./support/interview-process.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nianbao-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class BotProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async ready(): Promise<void> {
    const first = await this.lines.next();
    expect(JSON.parse(first.value as string)).toEqual({ ready: true });
  }
  async send(text: string): Promise<string> {
    this.child.stdin.write(`${JSON.stringify({ text })}\n`);
    const line = await this.lines.next();
    const replies = JSON.parse(line.value as string) as Reply[];
    return replies.map((r) => ('text' in r ? r.text : '')).join('\n');
  }
  kill(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
  end(): Promise<number | null> {
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.stdin.end();
    });
  }
}

describe('restart after SIGKILL', () => {
  it('resumes at the same question with every answer there', { timeout: 60_000 }, async () => {
    const a = new BotProcess();
    await a.ready();
    await a.send('你好');
    await a.send('某区人民政府办公室');
    await a.send('2024'); // the name says 部门 (…办公室): the level is not asked
    await a.send('某区某路8号');
    await a.send('264200');
    await a.send('0631-5201234');
    await a.send('有数字要填');
    await a.send('3');
    expect(await a.send('十二')).toContain('规章·现行有效件数');
    await a.kill();

    const b = new BotProcess();
    await b.ready();
    // the next message answers the question the killed process had asked
    const next = await b.send('20');
    expect(next).toContain('行政规范性文件·本年制发件数');
    expect(await b.send('帮助')).toContain('行政规范性文件·本年制发件数');
    expect(await b.end()).toBe(0);

    const store = await openStore({ dataDir: dir });
    try {
      const key = JSON.stringify(['test', 'restart', 'clerk']);
      const conv = await store.loadConversation(key);
      const state = conv?.state as { current: string; draftId: string };
      expect(state.current).toBe('t2.normative.issued');
      const d = (await store.loadDraft(state.draftId))!.draft;
      expect(d.agency).toMatchObject({ name: '某区人民政府办公室', level: 'department', address: '某区某路8号', postcode: '264200', phone: '0631-5201234' });
      expect([d.cells['t2.rules.issued'], d.cells['t2.rules.repealed'], d.cells['t2.rules.in-force']]).toEqual(['3', '12', '20']);
    } finally {
      await store.close();
    }
  });
});
