/**
 * Issue 8 §4 through the real bot process and the real `nianbao` bin: a damaged store is refused (and left as it
 * was), a stale owner.pid does not block, a restart right after kill -9 succeeds every time and keeps every
 * acknowledged answer, and a backup taken while the bot runs restores into a working store.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from './support/bot-process.js';
import { activitiesText, DirectLineClient } from './support/directline-client.js';
import { recordInterview, type RecordedTurn } from './support/recorded-interview.js';
import { runNianbao } from '../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'nianbao-integrity-'));
const running: BotProcess[] = [];
afterAll(async () => {
  for (const p of running) await p.stop();
  rmSync(root, { recursive: true, force: true });
});

let turns: RecordedTurn[];
beforeAll(async () => {
  turns = await recordInterview();
}, 120_000);

let n = 0;
const freshDir = () => join(root, `d${++n}`);

function bot(dataDir: string): BotProcess {
  const p = new BotProcess(dataDir);
  running.push(p);
  return p;
}

/** Answers `count` turns of the recorded interview on a new bot in `dataDir`, then kills it (-9). */
async function interviewThenKill(dataDir: string, count: number): Promise<DirectLineClient> {
  const p = bot(dataDir);
  const client = await DirectLineClient.start(await p.ready());
  for (const t of turns.slice(0, count)) expect(activitiesText(await client.send(t.input))).toBe(t.reply);
  await p.kill9();
  return client;
}

/** Starts the bot on `dataDir` expecting it to refuse; returns what it said. */
async function refusal(dataDir: string): Promise<string> {
  const p = bot(dataDir);
  const error = await p.ready().then(() => undefined, (e: Error) => e);
  expect(error, 'the bot started on a damaged store').toBeDefined();
  expect(p.child.exitCode).toBe(1);
  return p.output.join('');
}

const bytes = (f: string) => (existsSync(f) ? readFileSync(f) : undefined);

describe('a damaged store is refused, named, and left untouched', () => {
  it('0-byte nianbao.sqlite beside a directory that had data', { timeout: 60_000 }, async () => {
    const dir = freshDir();
    await interviewThenKill(dir, 6);
    const p = bot(dir); // a clean stop, so that everything is in the database file itself
    await p.ready();
    await p.stop();
    expect(p.child.exitCode).toBe(0);
    expect(existsSync(join(dir, 'nianbao.sqlite-wal'))).toBe(false); // a clean stop folds the log into the file
    truncateSync(join(dir, 'nianbao.sqlite'), 0);
    const out = await refusal(dir);
    expect(out).toContain(`数据库文件 ${join(dir, 'nianbao.sqlite')} 有问题`);
    expect(out).toContain('0 字节');
    expect(out).toContain('nianbao restore');
    expect(out).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack
    expect(statSync(join(dir, 'nianbao.sqlite')).size).toBe(0);
    expect(existsSync(join(dir, 'nianbao.sqlite-wal'))).toBe(false);
    rmSync(join(dir, 'nianbao.sqlite'));
    expect(await refusal(dir)).toContain('文件不见了');
    expect(existsSync(join(dir, 'nianbao.sqlite'))).toBe(false);
  });

  it('pages overwritten mid-file, and a database file cut short', { timeout: 60_000 }, async () => {
    const dir = freshDir();
    await interviewThenKill(dir, 30);
    const p = bot(dir);
    await p.ready();
    await p.stop();
    expect(p.child.exitCode).toBe(0);
    const file = join(dir, 'nianbao.sqlite');
    const size = statSync(file).size;
    expect(size).toBeGreaterThanOrEqual(4 * 4096);
    const good = readFileSync(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 2 * 4096); // page 3 of the file, whatever it holds
    closeSync(fd);
    const broken = readFileSync(file);
    const out = await refusal(dir);
    expect(out).toContain(`数据库文件 ${file} 有问题`);
    expect(bytes(file)!.equals(broken)).toBe(true); // never overwritten
    writeFileSync(file, good.subarray(0, Math.floor(size / 2)));
    const cut = readFileSync(file);
    expect(await refusal(dir)).toContain(`数据库文件 ${file} 有问题`);
    expect(bytes(file)!.equals(cut)).toBe(true);
  });

  it('a -wal log lost or cut short after a crash', { timeout: 60_000 }, async () => {
    const dir = freshDir();
    const client = await interviewThenKill(dir, 12);
    const db = join(dir, 'nianbao.sqlite'), wal = `${db}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(0); // the answers are in the log (no checkpoint yet)
    const [dbBytes, walBytes] = [readFileSync(db), readFileSync(wal)];
    writeFileSync(wal, walBytes.subarray(0, Math.floor(walBytes.length / 2)));
    const cut = readFileSync(wal);
    const out = await refusal(dir);
    expect(out).toMatch(/少于已确认保存的 \d+ 次（-wal 日志缺失或被截断/);
    expect(bytes(wal)!.equals(cut)).toBe(true);
    expect(bytes(db)!.equals(dbBytes)).toBe(true);
    rmSync(wal);
    expect(await refusal(dir)).toContain('-wal 日志缺失或被截断');
    expect(bytes(db)!.equals(dbBytes)).toBe(true);
    // with the log back, the bot starts and every answer is there
    writeFileSync(wal, walBytes);
    const p = bot(dir);
    const resumed = client.moved(await p.ready());
    expect(activitiesText(await resumed.send(turns[12]!.input))).toBe(turns[12]!.reply);
    await p.stop();
  });
});

describe('ownership of the data directory', () => {
  it('a stale owner.pid naming an unrelated live process does not block the start', { timeout: 30_000 }, async () => {
    const dir = freshDir();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const p0 = bot(dir);
      await p0.ready();
      await p0.kill9();
      writeFileSync(join(dir, 'owner.pid'), String(other.pid));
      const p = bot(dir);
      await p.ready();
      expect(readFileSync(join(dir, 'owner.pid'), 'utf8').trim()).toBe(String(p.child.pid));
      // …while a live bot does keep a second one out
      const second = bot(dir);
      const error = await second.ready(20_000).then(() => undefined, (e: Error) => e);
      expect(error?.message).toContain(`正被进程 ${p.child.pid} 使用`);
      await p.stop();
    } finally {
      other.kill();
    }
  });

  it('restarts right after kill -9, 20 rounds in a row, losing no acknowledged answer', { timeout: 300_000 }, async () => {
    const dir = freshDir();
    let p = bot(dir);
    let client = await DirectLineClient.start(await p.ready());
    for (let round = 0; round < 20; round++) {
      // each answer was acknowledged (the reply came) before the kill; the next process must know it
      const t = turns[round]!;
      expect(activitiesText(await client.send(t.input)), `round ${round}`).toBe(t.reply);
      await p.kill9();
      p = bot(dir); // at once: no pause for the old process to be gone
      client = client.moved(await p.ready());
    }
    for (const t of turns.slice(20, 25)) expect(activitiesText(await client.send(t.input))).toBe(t.reply);
    await p.stop();
  });
});

describe('nianbao backup / restore', () => {
  it('round trip while the bot is running: backup, restore into a new directory, the interview goes on there', { timeout: 120_000 }, async () => {
    const dir = freshDir();
    const p = bot(dir);
    const client = await DirectLineClient.start(await p.ready());
    for (const t of turns.slice(0, 15)) expect(activitiesText(await client.send(t.input))).toBe(t.reply);
    const out = join(root, 'backup.sqlite');
    const b = await runNianbao(root, 'backup', dir, '-o', out);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain(`由正在运行的进程 ${p.child.pid} 写出`);
    expect((statSync(out).mode & 0o077)).toBe(0);
    // the bot went on answering meanwhile; a second backup to the same file is refused
    expect(activitiesText(await client.send(turns[15]!.input))).toBe(turns[15]!.reply);
    const again = await runNianbao(root, 'backup', dir, '-o', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    // restore refuses the live directory, even forced
    const live = await runNianbao(root, 'restore', out, dir, '--force');
    expect(live.code).toBe(2);
    expect(live.stderr).toContain(`正被进程 ${p.child.pid} 使用`);
    await p.stop();

    const target = freshDir();
    const r = await runNianbao(root, 'restore', out, target);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // a second restore into the now non-empty directory needs --force, and keeps what it replaces
    const busy = await runNianbao(root, 'restore', out, target);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('--force');
    const forced = await runNianbao(root, 'restore', out, target, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('replaced-');

    // the restored store holds the 15 answers of the backup: the conversation resumes at turn 15 (the signing key
    // is not in the database: it goes along as a file, or as NIANBAO_BOT_SECRET)
    copyFileSync(join(dir, 'bot-signing-key'), join(target, 'bot-signing-key'));
    const q = bot(target);
    const resumed = client.moved(await q.ready());
    expect(activitiesText(await resumed.send(turns[15]!.input))).toBe(turns[15]!.reply);
    await q.stop();
  });

  it('refuses a damaged backup and a directory that is not a store', { timeout: 60_000 }, async () => {
    const junk = join(root, 'junk.sqlite');
    writeFileSync(junk, Buffer.alloc(8192, 0x41));
    const target = freshDir();
    const r = await runNianbao(root, 'restore', junk, target);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不能用');
    expect(existsSync(join(target, 'nianbao.sqlite'))).toBe(false);
    const b = await runNianbao(root, 'backup', freshDir(), '-o', join(root, 'none.sqlite'));
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('没有年报助手的数据库');
  });
});
