/**
 * The add-in manifest: `nianbao manifest --base-url` writes one for a deployment, valid against Microsoft's XSDs
 * (offline, xmllint) and readable by office-addin-manifest; the checked-in manifest.xml is the generator's output for
 * https://localhost:3000/; the add-in server serves one for its own port, and every URL in it answers 200.
 */
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAddinServer } from '../../addin/server.js';
import { addinManifest, ADDIN_ICON_SIZES, manifestVersion } from '../../shared/addin-manifest.js';
import { runNianbao } from '../support/cli.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.xml');
const XSD = fileURLToPath(new URL('../../../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd', import.meta.url));
const xmllint = existsSync('/usr/bin/xmllint');
if (process.env.CI && !xmllint) throw new Error('CI needs xmllint (apt-get install libxml2-utils)');

const urls = (xml: string) => [...new Set([...xml.matchAll(/"(https:\/\/[^"]+)"|<AppDomain>([^<]+)</g)].map((m) => m[1] ?? m[2]!))];

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    request(url, { rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', fail).end();
  });
}

describe('nianbao manifest', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'nianbao-manifest-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes a manifest with every URL under the base, a fresh version and an en-US override, valid against the XSDs', async () => {
    const r = await runNianbao(dir, 'manifest', '--base-url', 'https://oa.example.gov.cn/nianbao', '-o', 'manifest.xml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('https://oa.example.gov.cn/nianbao/');
    const file = join(dir, 'manifest.xml');
    const xml = await readFile(file, 'utf8');
    for (const u of urls(xml)) expect(u.startsWith('https://oa.example.gov.cn/nianbao/') || u === 'https://oa.example.gov.cn', u).toBe(true);
    expect(xml).toContain('<SupportUrl DefaultValue="https://oa.example.gov.cn/nianbao/help.html"/>');
    for (const s of ADDIN_ICON_SIZES) expect(xml).toContain(`/nianbao/assets/icon-${s}.png`);
    expect(xml).toMatch(/<bt:String id="Nianbao\.Button\.Label" DefaultValue="年报助手">\s*<bt:Override Locale="en-US" Value="Report Helper"\/>/);
    expect(xml).toMatch(/<TaskpaneId>Office\.AutoShowTaskpaneWithDocument<\/TaskpaneId>/);
    const version = manifestVersion(xml)!;
    expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
    const newer = (a: string, b: string) => {
      const x = a.split('.').map(Number), y = b.split('.').map(Number);
      for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
      return false;
    };
    expect(newer(version, manifestVersion(await readFile(MANIFEST, 'utf8'))!)).toBe(true);
    if (xmllint) {
      const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, file]);
      expect(stderr).toContain('validates');
    }
    const info = await run(process.execPath, [join(ROOT, 'node_modules/office-addin-manifest/cli.js'), 'info', file], { timeout: 60_000 });
    expect(info.stdout).toMatch(/Name: 年报助手/);
    expect(info.stdout).toMatch(/Type: TaskPaneApp/);
    expect(info.stdout).toMatch(/Hosts: Workbook/);
    expect(info.stdout).toMatch(/Version: \d/);
  }, 60_000);

  it('--shared-runtime adds a VersionOverrides 1.1 part with a long-lived runtime on the pane\'s page; the 1.0 part still validates', async () => {
    const r = await runNianbao(dir, 'manifest', '--base-url', 'https://h.example/nb/', '--shared-runtime', '-o', 'shared.xml');
    expect(r.code, r.stderr).toBe(0);
    const xml = await readFile(join(dir, 'shared.xml'), 'utf8');
    const part = / {4}<VersionOverrides xmlns="http:\/\/schemas\.microsoft\.com\/office\/taskpaneappversionoverrides\/1\.1" xsi:type="VersionOverridesV1_1">[\s\S]*?\n    <\/VersionOverrides>\n/.exec(xml)?.[0];
    expect(part).toBeDefined();
    expect(part).toContain('<bt:Set Name="SharedRuntime" MinVersion="1.1"/>');
    expect(part).toMatch(/<Runtime resid="Nianbao\.Taskpane\.Url" lifetime="long"\/>/);
    expect(part).toContain('<bt:Url id="Nianbao.Taskpane.Url" DefaultValue="https://h.example/nb/taskpane.html"/>');
    // The offline XSDs predate 1.1: the manifest without that part must validate (and equals the default one).
    const without = xml.replace(/    <!-- Where Office has SharedRuntime[\s\S]*?-->\n/, '').replace(part!, '');
    const plain = await runNianbao(dir, 'manifest', '--base-url', 'https://h.example/nb/');
    expect(without.replace(/<Version>[^<]*/, '')).toBe(plain.stdout.replace(/<Version>[^<]*/, ''));
    if (xmllint) {
      await writeFile(join(dir, 'shared-1.0.xml'), without);
      const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, join(dir, 'shared-1.0.xml')]);
      expect(stderr).toContain('validates');
    }
  });

  it('refuses a base that is not https, and prints to stdout without -o', async () => {
    const bad = await runNianbao(dir, 'manifest', '--base-url', 'http://oa.example.gov.cn/nianbao/');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('https');
    const out = await runNianbao(dir, 'manifest', '--base-url', 'https://h.example/');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('<OfficeApp');
  });
});

describe('manifest.xml (checked in)', () => {
  it('is the generator\'s output for https://localhost:3000/ (regenerate with nianbao manifest, do not edit)', async () => {
    const xml = await readFile(MANIFEST, 'utf8');
    expect(xml).toBe(addinManifest({ baseUrl: 'https://localhost:3000/', version: manifestVersion(xml)! }));
  });

  it.skipIf(!xmllint)('validates against the Office add-in manifest XSDs', async () => {
    const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, MANIFEST]);
    expect(stderr).toContain('manifest.xml validates');
  });

  it('asks for ExcelApi 1.12 at most and has the Home-tab button', async () => {
    const xml = await readFile(MANIFEST, 'utf8');
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.(\d|1[0-2])"\/>/);
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
  });
});

describe('the add-in server', () => {
  it('serves a manifest for the port it runs on, and every URL in it (each icon size, the help page with version and contact) answers 200', async () => {
    const server = await startAddinServer({ port: 0, host: '127.0.0.1' });
    try {
      const { status, body: xml } = await get(`${server.url}manifest.xml`);
      expect(status).toBe(200);
      const all = urls(xml);
      expect(all.length).toBeGreaterThan(10);
      for (const u of all) expect(u.startsWith(server.url.replace(/\/$/, '')), u).toBe(true);
      for (const u of all.filter((x) => x !== server.url.replace(/\/$/, ''))) expect((await get(u)).status, u).toBe(200);
      for (const s of ADDIN_ICON_SIZES) {
        const png = await get(`${server.url}assets/icon-${s}.png`);
        expect(png.status, `icon-${s}`).toBe(200);
      }
      const help = (await get(`${server.url}help.html`)).body;
      const version = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      expect(help).toContain(`版本 <span id="version">${version}</span>`);
      expect(help).toMatch(/<h2>联系<\/h2>\s*<p id="contact">[^{<]{6,}<\/p>/);
    } finally {
      await server.close();
    }
  }, 60_000);
});
