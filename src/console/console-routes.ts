import { Router, type Response } from 'express';
import { hashedAssetRoutes } from '../http/assets/hashed-asset-routes.js';
import { consoleAssets } from './console-bundle.js';
import { consolePageHeaders } from './console-headers.js';
import { consoleAssetsPath, consolePage, consolePath } from './console-page.js';

const noSuchFile = (response: Response) => response.status(404).type('text/plain').send('No such console file.\n');

/**
 * `GET /console` and every client-side route below it (one page; the app routes in the browser),
 * and the bundled files under `/console/assets/`. From the sources, the first request bundles the
 * app (about a second); a failure answers 500 and is retried on the next request.
 */
export function consoleRoutes(graphqlPath = '/graphql'): Router {
  const router = Router();
  router.use(hashedAssetRoutes(consoleAssetsPath, consoleAssets, noSuchFile));
  router.get([consolePath, `${consolePath}/{*route}`], async (request, response, next) => {
    try {
      if (request.path.startsWith(`${consoleAssetsPath}/`)) {
        noSuchFile(response);
        return;
      }
      const html = consolePage(await consoleAssets(), { basePath: consolePath, graphqlPath });
      response.set(consolePageHeaders).type('html').send(html);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
