/**
 * The console page's Content-Security-Policy: scripts, styles and requests from this server only,
 * no inline script or style, no framing, no plugins, no form posts elsewhere. Tokens live in the
 * page's memory, so keeping foreign script out is what keeps them safe.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers of the console's HTML page: the CSP, no sniffing, no referrer, never cached (it names the current bundle). */
export const consolePageHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': consoleContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
