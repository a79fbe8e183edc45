/**
 * The renderer's Content-Security-Policy: only our own bundled files, no inline script, no eval,
 * no remote origin of any kind. Images may be data: URLs (the QR code is rendered locally).
 * The same string is written into index.html's meta tag at build time (vite.config.ts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
