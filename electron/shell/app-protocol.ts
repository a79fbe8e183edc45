import fs from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { APP_HOST, APP_SCHEME } from './renderer-origin';

/** Module scripts are refused without a JavaScript MIME type; everything else is named exactly too. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

const refuse = (status: number): Response => new Response(null, { status, headers: SECURITY_HEADERS });

/**
 * The handler of `app://bundle/…` (protocol.handle): files of the built renderer folder and nothing
 * else. It reads with Node's `fs`, which Electron makes asar-aware in the main process; net.fetch of
 * a file: URL is not used, because with the grantFileProtocolExtraPrivileges fuse off Electron's own
 * asar-aware file: loader is not installed. Refused: any method but GET, another host, `.`/`..`
 * segments, any percent-escape or backslash (so no encoded `..` or `/`), and a path whose real
 * location (symlinks resolved) is outside the folder. Every answer carries the CSP header.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererRoot);
  let realRoot: string | null = null;
  return async (request) => {
    if (request.method !== 'GET') return refuse(405);
    const raw = rawPath(request.url);
    if (raw === null) return refuse(404);
    const segments = raw.split('/').slice(1);
    if (segments.some((s) => s === '.' || s === '..' || /[%\\\0]/.test(s))) return refuse(400);
    const relative = segments.join('/') || 'index.html';
    const candidate = join(root, ...relative.split('/'));
    // Stryker disable next-line ConditionalExpression: equivalent — with no `.`/`..` segment a join cannot leave the root; kept as a second guard
    if (!candidate.startsWith(root + sep)) return refuse(403);
    try {
      realRoot ??= fs.realpathSync(root);
      const real = fs.realpathSync(candidate);
      if (!real.startsWith(realRoot + sep)) return refuse(403);
      if (!fs.statSync(real).isFile()) return refuse(404);
      const body = await new Promise<Buffer>((ok, fail) => fs.readFile(real, (e, data) => (e ? fail(e) : ok(data))));
      const type = MIME[extname(real).toLowerCase()] ?? 'application/octet-stream';
      return new Response(new Uint8Array(body), { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': type } });
    } catch {
      return refuse(404);
    }
  };
}

/**
 * The path exactly as the URL string carries it (before any decoding), or null for another scheme
 * or host. Query and fragment are dropped.
 */
function rawPath(url: string): string | null {
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  if (!url.toLowerCase().startsWith(prefix)) return null;
  const path = url.slice(prefix.length).replace(/[?#].*/s, '');
  // Not app://bundle.evil/, app://bundle:1/, app://bundle@x/: the host must end where the path starts.
  return path === '' || path.startsWith('/') ? path : null;
}
