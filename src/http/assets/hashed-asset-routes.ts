import { Router, type Response } from 'express';
import type { HashedAssets } from './hashed-assets.js';

/**
 * `GET <path>/:name`: a browser app's files. Their names carry a content hash, so browsers keep them
 * for a year without asking again. A name the app does not hold is answered by `notFound` (each app
 * in its own format); a bundle that fails to load answers 500 and is loaded again on the next request.
 */
export function hashedAssetRoutes<Entry extends string>(
  path: string,
  assets: () => Promise<HashedAssets<Entry>>,
  notFound: (response: Response) => void,
): Router {
  const router = Router();
  router.get(`${path}/:name`, async (request, response, next) => {
    try {
      const asset = (await assets()).files.get(request.params.name);
      if (!asset) {
        notFound(response);
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
