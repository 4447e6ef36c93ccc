/** Webchat's file button: a draft JSON uploaded through the local Direct Line (multipart), then 完成 and the .docx. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotServer, type BotServer } from '../../bot/server.js';
import { huaian2024 } from '../render/drafts.js';
import { activitiesText, DirectLineClient } from './support/directline-client.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-upload-'));
let server: BotServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Direct Line upload', () => {
  it('reads an uploaded draft and hands out its report', { timeout: 60_000 }, async () => {
    server = await startBotServer({ port: 0, dataDir: dir, env: {}, log: () => {} });
    const client = await DirectLineClient.start(server.url);
    await client.send('你好');
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(huaian2024())], { type: 'application/json' }), 'huaian.json');
    form.append('activity', new Blob([JSON.stringify({ type: 'message', from: { id: 'clerk' } })], { type: 'application/vnd.microsoft.activity' }));
    const res = await fetch(`${client.base}/conversations/${client.conversationId}/upload?userId=clerk`, {
      method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form,
    });
    expect(res.status).toBe(200);
    const after = await client.poll();
    // the echo names the file without carrying its bytes back
    const echo = after.find((a) => a.from.role === 'user')!;
    expect(JSON.stringify(echo)).not.toContain('base64');
    expect(activitiesText(after)).toContain('已读取文件：表格 200 格、正文 11 部分');
    // 完成 asks for the 落款 first; its button generates the report
    const sign = (await client.send('完成')).flatMap((a) => a.attachments ?? []).flatMap((x) => x.content?.actions ?? []).find((b) => b.data.choice.startsWith('sign:'));
    expect(sign).toBeDefined();
    const done = activitiesText(await client.send({ value: { choice: sign!.data.choice } }));
    const link = /\((http:\/\/127\.0\.0\.1:\d+\/files\/[\w.-]+)\)/.exec(done)?.[1];
    expect(link, done).toBeDefined();
    const xml = strFromU8(unzipSync(new Uint8Array(await (await fetch(link!)).arrayBuffer()))['word/document.xml']!);
    expect(xml).toContain('>3119<');
    expect(xml).toContain('>447228<');
  });
});
