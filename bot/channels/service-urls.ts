/** Which serviceUrls the bot may reply to (no botbuilder here: the server reads the defaults before loading it). */

/** Where Teams and Azure Bot Service send from (public cloud). Override with NIANBAO_ALLOWED_SERVICE_URLS. */
export const DEFAULT_SERVICE_URLS = ['https://smba.trafficmanager.net/', 'https://*.botframework.com/'];
/** With no app id (Bot Framework Emulator on this machine): loopback only, any port. */
export const LOCAL_SERVICE_URLS = ['http://127.0.0.1:*/', 'http://localhost:*/'];

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
