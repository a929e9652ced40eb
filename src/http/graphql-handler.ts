import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Serves Apollo Server on an Express route: what `@as-integrations/express5` does, minus two costs
 * it paid on every request. It parsed the whole URL with Node's legacy `url.parse` to find the
 * query string (here: the text after `?`), and answered through `res.send`, which hashes each body
 * into an ETag and parses the content type Apollo already set. A POST (never revalidated) is
 * answered as it is; a GET still goes through `res.send`, so an anonymous query keeps its ETag and
 * a 304 for a client that has the answer already. Streamed answers (incremental delivery) are
 * written chunk by chunk. Needs `express.json()` before it.
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (http: { req: Request; res: Response }) => Promise<TContext>,
): RequestHandler {
  server.assertStarted('graphqlHandler()');
  return async (req, res) => {
    if (!('body' in req)) throw new Error('The GraphQL route must parse JSON bodies (express.json()) before graphqlHandler.');
    const headers = new HeaderMap();
    const incoming = req.headers;
    for (const name in incoming) {
      const value = incoming[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const queryStart = req.url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: queryStart === -1 ? '' : req.url.slice(queryStart),
        body: req.body as unknown,
      },
      context: () => context({ req, res }),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete' && req.method !== 'POST') {
      res.send(answer.body.string);
      return;
    }
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
      (res as Response & { flush?: () => void }).flush?.();
    }
    res.end();
  };
}
