import { createHash } from 'node:crypto';
import { AuthzenRequestError, type SearchRequest } from './authzen-request.js';

/**
 * Search pages: a `next_token` carries where the next page starts (the last result's sort key) and
 * a fingerprint of the request it belongs to. The specification requires every entity and the
 * limit to stay the same from page to page and advises an error otherwise: a token sent with
 * another request is refused (400) rather than read as a position in another list. A token needs
 * no signature: it only says where to resume a list that is filtered by access all the same, so a
 * forged one shows nothing the caller could not list from the start.
 */

/** What a search request is, for its pages: everything but the token. */
function fingerprintOf(request: SearchRequest): string {
  const { page, ...entities } = request;
  return createHash('sha256')
    .update(JSON.stringify({ ...entities, limit: page.limit }))
    .digest('base64url')
    .slice(0, 16);
}

/** The `next_token` of a page whose last result sorts at `after`. */
export function nextPageToken(request: SearchRequest, after: string): string {
  return Buffer.from(JSON.stringify({ a: after, f: fingerprintOf(request) })).toString('base64url');
}

/** Where a request's page starts: undefined for the first page; refuses a token that is malformed or belongs to another request. */
export function pageStart(request: SearchRequest): string | undefined {
  const { token } = request.page;
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = token.length <= 2000 ? JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  const { a, f } = (decoded ?? {}) as { a?: unknown; f?: unknown };
  if (typeof a !== 'string' || typeof f !== 'string') throw new AuthzenRequestError('"page.token" is not a token this PDP gave.');
  if (f !== fingerprintOf(request)) {
    throw new AuthzenRequestError(
      '"page.token" belongs to another search: send it with the same subject, action, resource and page.limit.',
    );
  }
  return a;
}
