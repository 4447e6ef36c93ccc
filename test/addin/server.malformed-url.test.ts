/** Issue 8 §3: the add-in server answers a malformed URL with 400 and says nothing about the exception. */
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startAddinServer } from '../../addin/server.js';

function get(base: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    // the path is sent as is (new URL would re-encode it)
    const u = new URL(base);
    request({ host: u.hostname, port: u.port, path, method: 'GET', rejectUnauthorized: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => ok({ status: res.statusCode ?? 0, text }));
    }).on('error', fail).end();
  });
}

describe('add-in server', () => {
  it('400 for a malformed percent-encoding, without echoing the exception', async () => {
    const server = await startAddinServer({ port: 0, host: '127.0.0.1' });
    try {
      for (const path of ['/%E0%A4%A', '/office-js/%ZZ', '/%']) {
        const r = await get(server.url, path);
        expect(r.status, path).toBe(400);
        expect(r.text).not.toMatch(/URI|malformed|Error/i);
      }
      expect((await get(server.url, '/manifest.xml')).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);
});
