/**
 * A zip bomb uploaded through web chat's file button: refused with a Chinese reason by the core's bounded reader,
 * the server's memory stays put, and the conversation goes on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotServer, type BotServer } from '../../bot/server.js';
import { runNianbao } from '../support/cli.js';
import { withBombPart } from '../support/hostile-zips.js';
import { activitiesText, DirectLineClient } from './support/directline-client.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-bomb-'));
let server: BotServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(client: DirectLineClient, bytes: Uint8Array<ArrayBuffer>, name: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
  form.append('activity', new Blob([JSON.stringify({ type: 'message', from: { id: 'clerk' } })], { type: 'application/vnd.microsoft.activity' }));
  const res = await fetch(`${client.base}/conversations/${client.conversationId}/upload?userId=clerk`, {
    method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form,
  });
  return res.status;
}

describe('a zip bomb uploaded to the bot', () => {
  it('is refused with the reason, without inflating it, and the interview goes on', { timeout: 90_000 }, async () => {
    expect((await runNianbao(dir, 'template', '--year', '2024', '--agency', '某区教育局', '-o', 't.xlsx')).code).toBe(0);
    const xlsx = readFileSync(join(dir, 't.xlsx'));
    const sheet = Object.keys(unzipSync(xlsx)).find((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))!;
    const bomb = withBombPart(xlsx, sheet, 200 << 20);
    server = await startBotServer({ port: 0, dataDir: join(dir, 'data'), env: {}, log: () => {} });
    const client = await DirectLineClient.start(server.url);
    await client.send('你好');
    const before = process.memoryUsage().rss;
    // four at once, as in the attack that held 3.4 GB
    expect(await Promise.all([1, 2, 3, 4].map((i) => upload(client, bomb, `bomb${i}.xlsx`)))).toEqual([200, 200, 200, 200]);
    const replies = activitiesText(await client.poll());
    expect(replies).toMatch(/解压后过大/);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 << 20);
    // the conversation is still there and answers
    expect(activitiesText(await client.send('帮助')).length).toBeGreaterThan(0);
  });
});
