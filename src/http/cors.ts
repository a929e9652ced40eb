import cors from 'cors';
import type { RequestHandler } from 'express';

/** Headers a browser app may send cross-origin: the bearer token, JSON bodies, and Apollo's CSRF headers. */
export const corsAllowedHeaders = ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'];

/**
 * CORS for browser apps on other origins (`CORS_ORIGINS`): requests and preflights from a listed
 * origin (or any, with `*`) get `Access-Control-Allow-Origin` for it, GET and POST, the headers
 * above, `x-request-id` readable, and no credentials: Rolegate reads bearer tokens only, never
 * cookies. Any other origin gets no CORS headers (the browser withholds the answer), and an empty
 * list adds nothing at all: same-origin and non-browser clients are unaffected either way.
 */
export function corsPolicy(origins: readonly string[] | '*'): RequestHandler | undefined {
  if (origins !== '*' && origins.length === 0) return undefined;
  return cors({
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: corsAllowedHeaders,
    exposedHeaders: ['x-request-id'],
    credentials: false,
    maxAge: 600,
  });
}
