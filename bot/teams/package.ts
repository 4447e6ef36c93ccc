/**
 * `npm run package:teams [-- -o FILE.zip]`: the Teams app package (manifest.json, color.png, outline.png), validated
 * offline against the manifest schema shipped in @microsoft/app-manifest. Needs MicrosoftAppId and NIANBAO_PUBLIC_URL.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { colorIcon, outlineIcon } from './icons.js';
import { MANIFEST_VERSION, teamsManifest, type TeamsAppOptions } from './manifest.js';

/** The schema file in the package (never fetched from the network). */
export function localSchema(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@microsoft/app-manifest'));
  const text = readFileSync(join(root, 'json-schemas', 'teams', `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json'), 'utf8');
  return JSON.parse(text.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Record<string, unknown>;
}

export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as never, localSchema() as never);
}

export async function buildTeamsPackage(o: TeamsAppOptions): Promise<{ zip: Uint8Array; errors: string[] }> {
  const manifest = teamsManifest(o);
  const errors = await validateManifest(manifest);
  const zip = zipSync({
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': colorIcon(),
    'outline.png': outlineIcon(),
  });
  return { zip, errors };
}

async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf('-o');
  const out = resolve(i >= 0 && argv[i + 1] ? argv[i + 1]! : 'dist/nianbao-teams.zip');
  const appId = process.env.MicrosoftAppId;
  const publicUrl = process.env.NIANBAO_PUBLIC_URL;
  if (!appId || !publicUrl) {
    process.stderr.write('请先设置环境变量 MicrosoftAppId（Azure 机器人注册的应用 ID）和 NIANBAO_PUBLIC_URL（机器人的 https 公网地址）。\n');
    return 2;
  }
  let built;
  try {
    built = await buildTeamsPackage({ appId, publicUrl, ...(process.env.NIANBAO_TEAMS_VERSION ? { version: process.env.NIANBAO_TEAMS_VERSION } : {}) });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (built.errors.length) {
    process.stderr.write(`manifest.json 未通过 Teams 清单架构 v${MANIFEST_VERSION} 校验：\n${built.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);
  process.stdout.write(`已写出 Teams 应用包：${out}（清单已按 v${MANIFEST_VERSION} 架构离线校验）\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = await main(process.argv.slice(2));
}
