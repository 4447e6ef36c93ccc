/** Which serviceUrls the bot may reply to (no botbuilder here: the server reads the defaults before loading it). */

/** Where Teams and Azure Bot Service send from (public cloud). Override with NIANBAO_ALLOWED_SERVICE_URLS. */
export const DEFAULT_SERVICE_URLS = ['https://smba.trafficmanager.net/', 'https://*.botframework.com/'];
/** The Bot Framework Emulator's connector listens on loopback at a port of its choosing (NIANBAO_EMULATOR=1). */
export const LOCAL_SERVICE_URLS = ['http://127.0.0.1:*/', 'http://localhost:*/'];

/**
 * The one place that decides where replies may go. With an app id: the Bot Framework's hosts (or the list in
 * NIANBAO_ALLOWED_SERVICE_URLS). With no app id (local mode) only this server's own address, i.e. its own Direct
 * Line — any other loopback port could be another program on the clerk's machine that a page would make the bot
 * post to; the Emulator is let in only by NIANBAO_EMULATOR=1 (or an explicit list).
 */
export function allowedServiceUrls(env: Record<string, string | undefined>, appId: string | undefined, ownUrl: string): string[] {
  const explicit = (env.NIANBAO_ALLOWED_SERVICE_URLS ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  if (explicit.length) return explicit;
  if (appId) return DEFAULT_SERVICE_URLS;
  if (env.NIANBAO_EMULATOR === '1') return LOCAL_SERVICE_URLS;
  const own = new URL(ownUrl);
  return [`${own.protocol}//${own.host}/`];
}

// Patterns: a URL prefix; `*.` before the host for any subdomain; `:*` after the host for any port.
export function serviceUrlAllowed(serviceUrl: string, patterns: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(serviceUrl);
  } catch {
    return false;
  }
  return patterns.some((p) => {
    const m = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(p.trim());
    if (!m) return false;
    const [, scheme, host, port, path] = m;
    if (u.protocol !== `${scheme}:`) return false;
    const h = u.hostname.toLowerCase();
    const hostOk = host!.startsWith('*.') ? h.endsWith(host!.slice(1).toLowerCase()) : h === host!.toLowerCase();
    const portOk = port === '*' || (port ? u.port === port : u.port === '');
    return hostOk && portOk && u.pathname.startsWith(path ?? '/');
  });
}
