import type { RequestHandler, Router } from 'express';
import { hashedAssetRoutes } from '../assets/hashed-asset-routes.js';
import { refuseRequest } from '../request-refusal.js';
import { explorerAssets } from './explorer-bundle.js';
import { explorerAssetsPath } from './explorer-page.js';

/**
 * Serves the explorer's bundled files under `/explorer/assets/` (content-hashed names, kept by
 * browsers for a year); an unknown name is a GraphQL-style NOT_FOUND.
 */
export function explorerAssetRoutes(): Router {
  return hashedAssetRoutes(explorerAssetsPath, explorerAssets, (response) =>
    refuseRequest(response, 404, 'NOT_FOUND', 'No such explorer file.'),
  );
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
