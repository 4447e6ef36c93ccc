/** `npm run package:teams`: manifest + icons in a zip, validated offline against the schema in @microsoft/app-manifest. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTeamsPackage, validateManifest } from '../../bot/teams/package.js';
import { teamsManifest } from '../../bot/teams/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-teams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const APP = { appId: '11111111-2222-3333-4444-555555555555', publicUrl: 'https://nianbao.example.gov.cn/' };

/** Width, height and RGBA pixels of an 8-bit RGBA PNG with filter 0 rows (as icons.ts writes them). */
function readPng(bytes: Uint8Array): { width: number; height: number; px: Buffer } {
  const b = Buffer.from(bytes);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  const width = b.readUInt32BE(16), height = b.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let o = 8; o < b.length;) {
    const len = b.readUInt32BE(o), type = b.toString('latin1', o + 4, o + 8);
    if (type === 'IDAT') idat.push(b.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(px, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, px };
}

describe('Teams app package', () => {
  it('holds a manifest that passes the v1.17 schema and icons of the required sizes', async () => {
    const { zip, errors } = await buildTeamsPackage(APP);
    expect(errors).toEqual([]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.bots[0].botId).toBe(APP.appId);
    expect(manifest.validDomains).toEqual(['nianbao.example.gov.cn']);
    expect(manifest.name.short).toBe('年报助手');
    const color = readPng(files['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(files['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // outline: white on transparent only
    const colours = new Set<string>();
    for (let i = 0; i < outline.px.length; i += 4) colours.add(outline.px.subarray(i, i + 4).toString('hex'));
    expect([...colours].sort()).toEqual(['00000000', 'ffffffff']);
  });

  it('the validator does reject a wrong manifest', async () => {
    const m = teamsManifest(APP);
    delete m.accentColor;
    (m as { icons: unknown }).icons = { color: 'color.png' };
    const errors = await validateManifest(m);
    expect(errors.join('\n')).toMatch(/accentColor/);
    expect(errors.join('\n')).toMatch(/outline/);
    expect(() => teamsManifest({ ...APP, publicUrl: 'http://x.example/' })).toThrow('https');
    expect(() => teamsManifest({ ...APP, appId: 'bot' })).toThrow('GUID');
  });

  it('npm run package:teams writes the zip, and refuses without configuration', () => {
    const out = join(dir, 'teams.zip');
    const env = { ...process.env, MicrosoftAppId: APP.appId, NIANBAO_PUBLIC_URL: APP.publicUrl };
    const said = execFileSync('npm', ['run', '--silent', 'package:teams', '--', '-o', out], { env, encoding: 'utf8' });
    expect(said).toContain('已写出 Teams 应用包');
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(out))))).toContain('manifest.json');
    const bare = { ...process.env, MicrosoftAppId: '', NIANBAO_PUBLIC_URL: '' };
    expect(() => execFileSync('npm', ['run', '--silent', 'package:teams'], { env: bare, stdio: 'pipe' })).toThrow();
  }, 60_000);
});
