import { createHash } from 'node:crypto';
import { AuthzenRequestError, type AuthzenLimits, type SearchRequest } from './authzen-request.js';

/**
 * Search pages: a `next_token` carries where the next page starts (the last result's sort key), the
 * page size it was given for and a fingerprint of the request it belongs to. The specification
 * requires every entity and the limit to stay the same from page to page and advises an error
 * otherwise: a token sent with another request is refused (400) rather than read as a position in
 * another list. A request that sends the token without `page.limit` (as the specification's own
 * example does) is read with the token's. A token needs no signature: it only says where to resume a
 * list that is filtered by access all the same, so a forged one shows nothing the caller could not
 * list from the start.
 */

/** What a search request is, for its pages: everything but the token. */
function fingerprintOf(request: SearchRequest, limit: number): string {
  const { page: _page, ...entities } = request;
  return createHash('sha256')
    .update(JSON.stringify({ ...entities, limit }))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The `next_token` of a page whose last result sorts at `after`. Note: a page of `limit` 0 (asking
 * only whether there are results) gives a token for the first page that any limit may follow.
 */
export function nextPageToken(request: SearchRequest, after: string): string {
  const { limit } = request.page;
  return Buffer.from(JSON.stringify({ a: after, l: limit, f: fingerprintOf(request, limit) })).toString('base64url');
}

/** A search request with its page resolved: where the page starts (undefined for the first), and the request with the limit it is read with. */
export interface ResumedSearch<R extends SearchRequest> {
  readonly request: R;
  readonly after: string | undefined;
}

/** Where a request's page starts; refuses a token that is malformed or belongs to another request (400). */
export function resumeSearch<R extends SearchRequest>(request: R, limits: AuthzenLimits): ResumedSearch<R> {
  const { token } = request.page;
  if (token === undefined) return { request, after: undefined };
  let decoded: unknown;
  try {
    decoded = token.length <= 2000 ? JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  const { a, l, f } = (decoded ?? {}) as { a?: unknown; l?: unknown; f?: unknown };
  if (typeof a !== 'string' || typeof f !== 'string' || typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l > limits.maxPageSize) {
    throw new AuthzenRequestError('"page.token" is not a token this PDP gave.');
  }
  const resumed = request.page.limitGiven || l === 0 ? request : { ...request, page: { ...request.page, limit: l } };
  if (f !== fingerprintOf(resumed, l === 0 ? 0 : resumed.page.limit)) {
    throw new AuthzenRequestError(
      '"page.token" belongs to another search: send it with the same subject, action, resource and page.limit.',
    );
  }
  return { request: resumed, after: a };
}
