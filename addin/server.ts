/**
 * The add-in's https server for development and sideloading: the built task pane (built first when missing or
 * stale), office.js and its host files from node_modules/@microsoft/office-js/dist under /office-js/, and the manifest.
 * The certificate is self-signed for localhost, generated once into .data/addin-cert/ (gitignored).
 * office.js is served locally by default; set NIANBAO_OFFICE_JS_URL (or the officeJsUrl option) to load it from
 * elsewhere, e.g. Microsoft's CDN https://appsforoffice.microsoft.com/lib/1/hosted/office.js.
 */
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { addinManifest, manifestVersion } from '../shared/addin-manifest.js';
import { ADDIN_DIR, DIST_DIR, ensureBuilt } from './build.js';

export interface AddinServerOptions {
  port?: number;
  host?: string;
  /** Where the pane loads office.js from; default the local copy at /office-js/office.js. */
  officeJsUrl?: string;
  /** Where the certificate is kept; default .data/addin-cert at the repository root. */
  certDir?: string;
  /** An extra directory served under /test/ (the browser tests' fake-host page). */
  testDir?: string;
}

const ROOT = resolve(ADDIN_DIR, '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.json': 'application/json; charset=utf-8', '.xml': 'text/xml; charset=utf-8',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.map': 'application/json',
};

/** The self-signed certificate for localhost/127.0.0.1, created on first use and reused (valid ~2 years). */
export async function localCertificate(dir = join(ROOT, '.data', 'addin-cert')): Promise<{ key: string; cert: string; certPath: string }> {
  const keyPath = join(dir, 'localhost.key'), certPath = join(dir, 'localhost.crt');
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    const { X509Certificate } = await import('node:crypto');
    if (new Date(new X509Certificate(cert).validTo).getTime() > Date.now() + 86_400_000) return { key, cert, certPath };
  } catch { /* make a new one */ }
  const { generate } = await import('selfsigned');
  const notAfter = new Date(Date.now() + 730 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'nianbao 年报助手 (本机开发)' }], {
    keySize: 2048, algorithm: 'sha256', notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert, certPath };
}

function officeJsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
}

/** A file under `base`, or undefined when the path leaves it. */
function inside(base: string, rel: string): string | undefined {
  const p = normalize(join(base, rel));
  return p === base || p.startsWith(base + sep) ? p : undefined;
}

export async function startAddinServer(opts: AddinServerOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  await ensureBuilt();
  const { key, cert } = await localCertificate(opts.certDir);
  const officeDir = officeJsDir();
  const officeJsUrl = opts.officeJsUrl ?? process.env.NIANBAO_OFFICE_JS_URL;

  const send = async (res: ServerResponse, file: string | undefined, rewrite?: (s: string) => string) => {
    if (!file || !(await stat(file).then((s) => s.isFile(), () => false))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = rewrite ? Buffer.from(rewrite(await readFile(file, 'utf8'))) : await readFile(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).end(body);
  };

  // The manifest for where this server actually runs (its host and port), at the checked-in manifest's version.
  let base = '';
  const sendManifest = async (res: ServerResponse) => {
    const version = manifestVersion(await readFile(join(ROOT, 'manifest.xml'), 'utf8')) ?? '0.1.0.0';
    res.writeHead(200, { 'content-type': TYPES['.xml']!, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' })
      .end(addinManifest({ baseUrl: base, version }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname);
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('请求地址无效');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (path === '/') return void res.writeHead(302, { location: '/taskpane.html' }).end();
    if (path === '/manifest.xml') return sendManifest(res);
    if (path.startsWith('/office-js/')) return send(res, inside(officeDir, path.slice('/office-js/'.length)));
    if (path.startsWith('/test/') && opts.testDir) return send(res, inside(resolve(opts.testDir), path.slice('/test/'.length)));
    const file = inside(DIST_DIR, path.slice(1));
    if (path === '/taskpane.html' && officeJsUrl) {
      return send(res, file, (html) => html.replace('src="office-js/office.js"', `src="${officeJsUrl.replace(/"/g, '&quot;')}"`));
    }
    return send(res, file);
  };

  const server = createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      // The exception's text may name paths on this machine: the client gets none of it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('服务器错误');
      console.error(`加载项服务出错：${e instanceof Error ? e.name : typeof e}`);
    });
  });
  const host = opts.host ?? 'localhost';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 3000, host, () => { server.off('error', fail); ok(); });
  });
  const { port } = server.address() as AddressInfo;
  base = `https://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return {
    url: base,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ADDIN_DIR, 'server.ts')) {
  const s = await startAddinServer({ port: Number(process.env.PORT ?? 3000) });
  const { certPath } = await localCertificate();
  console.log(`年报助手加载项：${s.url}taskpane.html\n清单（本端口）：${s.url}manifest.xml\n证书（需信任一次）：${certPath}`);
}
