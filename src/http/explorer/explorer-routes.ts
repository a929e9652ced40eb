import { Router, type RequestHandler } from 'express';
import { explorerBundle } from './explorer-bundle.js';
import { explorerAssetsPath } from './explorer-page.js';
import { refuseRequest } from '../request-refusal.js';

/**
 * Serves the explorer's bundled files under `/explorer/assets/`. Their names carry a content hash,
 * so browsers keep them for a year without asking again; a build failure answers 500 and is retried next request.
 */
export function explorerAssetRoutes(): Router {
  const router = Router();
  router.get(`${explorerAssetsPath}/:name`, async (request, response, next) => {
    try {
      const asset = (await explorerBundle()).assets.get(request.params.name);
      if (!asset) {
        refuseRequest(response, 404, 'NOT_FOUND', 'No such explorer file.');
        return;
      }
      response.set({
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      });
      response.end(asset.contents);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/**
 * A strict Content-Security-Policy for the explorer page (what a browser's GET on the GraphQL
 * endpoint answers): scripts, styles, fonts, workers and queries from this server only.
 */
export const explorerPageHeaders: RequestHandler = (request, response, next) => {
  if (request.method === 'GET' && request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') {
    response.set({
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "worker-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  }
  next();
};
