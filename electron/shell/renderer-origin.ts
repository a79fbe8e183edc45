/**
 * Where the renderer comes from, and the one test of "is this our page". The packaged app serves
 * the built renderer from a privileged custom scheme (`app://bundle/…`, see app-protocol.ts), never
 * from file://; a Vite dev server is honoured only in an unpackaged run, and only on loopback.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The privileges Electron is asked for, before `ready` (protocol.registerSchemesAsPrivileged).
 * standard: relative URLs resolve and the page has a real origin (`'self'` in the CSP is app://bundle);
 * secure: a secure context, like https; supportFetchAPI + corsEnabled: Vite's `<script type="module"
 * crossorigin>` and the lazy chunks are CORS-mode fetches. Not bypassCSP, no service workers, no stream.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server's exact origin, or null. Only when not packaged, only http(s) on loopback: a
 * packaged app never loads a URL from its environment.
 */
export function devServerOrigin(value: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !value) return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname) || url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** True only for a page of our own origin: app://bundle (exactly), or the dev server's exact origin. */
export function isOwnPage(url: string, devOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devOrigin) return parsed.origin === devOrigin;
  // Node gives custom schemes an opaque origin ("null"), so compare the parts that make Chromium's.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
}

/** Where the window goes: the dev server in a dev run, else the packaged renderer. */
export const entryUrl = (devOrigin: string | null): string => (devOrigin ? `${devOrigin}/` : APP_ENTRY_URL);
