import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket upgrade may proceed, by its `Origin`: browsers send it on every upgrade and
 * a WebSocket has no CORS, so without this check any website could open a socket to the API with a
 * token it got hold of (cross-site WebSocket hijacking). Allowed: no `Origin` (not a browser: a
 * program sends what it likes anyway), the API's own origin (the console, the explorer), and the
 * origins of `CORS_ORIGINS` (`*`: any).
 */
export function upgradeOriginAllowed(request: IncomingMessage, corsOrigins: readonly string[] | '*'): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (corsOrigins === '*' || corsOrigins.includes(origin)) return true;
  const host = request.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host && /^https?:$/.test(new URL(origin).protocol);
  } catch {
    return false;
  }
}
