/** `nianbao manifest --base-url https://host/path/ [-o manifest.xml]`: the add-in manifest for one deployment. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { addinManifest, freshVersion, normalizeBaseUrl } from '../../shared/addin-manifest.js';
import { commandArgs, usageError } from '../args.js';
import { EXIT, type CliIo } from '../io.js';

export const HELP = `用法：nianbao manifest --base-url https://主机/路径/ [-o manifest.xml]
  生成 Excel 加载项清单：任务窗格、帮助页和图标的网址都在 --base-url 之下，
  版本号每次生成都更新（Office 按版本号刷新缓存）。把 npm run build:addin 生成的
  addin/dist/ 整个目录放到该网址下，再把清单交给管理员部署或旁加载。
  --base-url  提供 addin/dist/ 的 https 网址（必须是 https）
  --shared-runtime  另加 VersionOverrides 1.1 部分：支持 SharedRuntime 1.1 的 Office 中，
            关闭任务窗格后仍继续核对，打开工作簿时自动加载（离线 XSD 只能校验 1.0 部分）
  -o          输出文件；省略时写到标准输出
退出状态：0 成功；2 用法有误或文件无法写入`;

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, { 'base-url': { type: 'string' }, 'shared-runtime': { type: 'boolean' }, output: { type: 'string', short: 'o' } }, HELP, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length) return usageError(io, `多余的参数：${positionals.join(' ')}`, HELP);
  if (!values['base-url']) return usageError(io, '请用 --base-url 给出加载项所在的 https 网址。', HELP);
  const base = normalizeBaseUrl(values['base-url']);
  if (typeof base !== 'string') return usageError(io, `--base-url：${base.error}`);
  const xml = addinManifest({ baseUrl: base, version: freshVersion(await packageVersion()), sharedRuntime: values['shared-runtime'] === true });
  if (!values.output) {
    io.stdout.write(xml);
    return EXIT.ok;
  }
  try {
    await writeFile(resolve(io.cwd, values.output), xml);
  } catch (e) {
    io.stderr.write(`无法写入 ${values.output}：${(e as Error).message}\n`);
    return EXIT.usage;
  }
  io.stdout.write(`已生成 ${values.output}（${base}，版本 ${/<Version>([\d.]+)/.exec(xml)![1]}）\n`);
  return EXIT.ok;
}
