import { Router } from 'express';
import { consoleBundle } from './console-bundle.js';
import { consolePageHeaders } from './console-headers.js';
import { consoleAssetsPath, consolePage, consolePath } from './console-page.js';

/**
 * `GET /console` and every client-side route below it (one page; the app routes in the browser),
 * and the bundled files under `/console/assets/`, whose content-hashed names let browsers keep
 * them for a year. The first request bundles the app (about a second); a build failure answers 500
 * and is retried on the next request.
 */
export function consoleRoutes(graphqlPath = '/graphql'): Router {
  const router = Router();
  router.get(`${consoleAssetsPath}/:name`, async (request, response, next) => {
    try {
      const asset = (await consoleBundle()).assets.get(request.params.name);
      if (!asset) {
        response.status(404).type('text/plain').send('No such console file.\n');
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
  router.get([consolePath, `${consolePath}/{*route}`], async (request, response, next) => {
    try {
      if (request.path.startsWith(`${consoleAssetsPath}/`)) {
        response.status(404).type('text/plain').send('No such console file.\n');
        return;
      }
      const html = consolePage(await consoleBundle(), { basePath: consolePath, graphqlPath });
      response.set(consolePageHeaders).type('html').send(html);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
