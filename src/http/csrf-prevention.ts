import type { RequestHandler } from 'express';
import { refuseRequest } from './request-refusal.js';

/** Content types a browser sends cross-site without a CORS preflight. */
const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Headers only a script can set (so a browser preflights them): Apollo Server's recommended ones. */
const preflightHeaders = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Cross-site request forgery needs credentials the browser adds on its own. Rolegate reads only the
 * `Authorization: Bearer` header, which a browser never adds to a cross-site request (and a cached
 * `Basic` one is refused with 401), so a "simple" request (a GET, or a POST with a form or text body,
 * which browsers send cross-site without asking) is anonymous: Rolegate serves `GET /graphql?query=...`
 * to curl, caches and GraphQL-over-HTTP clients, where Apollo Server's CSRF prevention would refuse it.
 * A simple request that carries cookies is refused (HTTP 400, BAD_REQUEST) unless it has one of the
 * preflight headers, as Apollo Server would: a proxy in front might turn cookies into credentials.
 */
export const csrfPrevention: RequestHandler = (request, response, next) => {
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const simple = contentType === undefined || simpleContentTypes.includes(contentType);
  if (!simple || !request.headers.cookie || preflightHeaders.some((header) => request.header(header))) {
    next();
    return;
  }
  // A browser visiting the URL gets the landing page, as Apollo Server decides: it runs no operation.
  const wantsPage =
    request.method === 'GET' && request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
  if (wantsPage) {
    next();
    return;
  }
  refuseRequest(
    response,
    400,
    'BAD_REQUEST',
    `This request carries cookies and could come from another site (CSRF): send it with a "content-type: application/json" header, or one of these headers: ${preflightHeaders.join(', ')}.`,
  );
};
