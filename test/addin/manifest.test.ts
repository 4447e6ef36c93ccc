/** manifest.xml: valid against Microsoft's XSDs (offline, xmllint), readable by office-addin-manifest, and every URL it names is served. */
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startAddinServer } from '../../addin/server.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.xml');
const XSD = fileURLToPath(new URL('../../../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd', import.meta.url));
const xmllint = existsSync('/usr/bin/xmllint');
if (process.env.CI && !xmllint) throw new Error('CI needs xmllint (apt-get install libxml2-utils)');

describe('manifest.xml', () => {
  it.skipIf(!xmllint)('validates against the Office add-in manifest XSDs', async () => {
    const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, MANIFEST]);
    expect(stderr).toContain('manifest.xml validates');
  });

  it('is read by office-addin-manifest info (offline): TaskPaneApp for Workbook, zh-CN, 年报助手', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/office-addin-manifest/cli.js'), 'info', MANIFEST], { timeout: 60_000 });
    expect(stdout).toMatch(/Name: 年报助手/);
    expect(stdout).toMatch(/Type: TaskPaneApp/);
    expect(stdout).toMatch(/Hosts: Workbook/);
    expect(stdout).toMatch(/Default Locale: zh-CN/);
  }, 60_000);

  it('asks for ExcelApi 1.12 at most, has the Home-tab button, and every URL it names is served by the add-in server', async () => {
    const xml = await readFile(MANIFEST, 'utf8');
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.(\d|1[0-2])"\/>/);
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<bt:String id="Nianbao\.Button\.Label" DefaultValue="年报助手"\/>/);
    const paths = [...new Set([...xml.matchAll(/https:\/\/localhost:3000(\/[^"<]*)/g)].map((m) => m[1]!))];
    expect(paths.length).toBeGreaterThan(4);
    const server = await startAddinServer({ port: 0, host: '127.0.0.1' });
    try {
      const { request } = await import('node:https');
      for (const p of paths) {
        const status = await new Promise<number>((ok, fail) => {
          request(new URL(p.slice(1), server.url), { rejectUnauthorized: false }, (res) => { res.resume(); ok(res.statusCode ?? 0); }).on('error', fail).end();
        });
        expect(status, p).toBe(200);
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
