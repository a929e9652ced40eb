import type { RequestHandler } from 'express';

/**
 * With the explorer off (`GRAPHQL_EXPLORER=false`, the default with NODE_ENV=production), a browser
 * opening `/graphql` (a GET asking for HTML, with no query) is told so and which setting turns it
 * on, instead of Apollo Server's "GET query missing". API clients are unaffected.
 */
export const explorerOff: RequestHandler = (request, response, next) => {
  const browserOpensPage =
    request.method === 'GET' &&
    request.query.query === undefined &&
    request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
  if (!browserOpensPage) {
    next();
    return;
  }
  response
    .status(404)
    .type('text/plain')
    .send(
      'The GraphQL explorer is off on this server: GRAPHQL_EXPLORER=true turns it on (it is off by default with NODE_ENV=production). The API answers POST /graphql.\n',
    );
};
