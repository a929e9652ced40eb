import { loadBundle } from './bundle-with-esbuild.js';
import type { BrowserBundle, HashedAssets } from './hashed-assets.js';

/**
 * A browser app's files, loaded once per process when a browser first asks for them: bundled in
 * memory from the sources, or read from dist/assets/ in the compiled server (the build swaps the
 * module `loadBundle` comes from, see read-prebuilt-bundle.ts). A failure is retried on the next call.
 */
export function servedBundle<Entry extends string>(bundle: BrowserBundle<Entry>): () => Promise<HashedAssets<Entry>> {
  let loaded: Promise<HashedAssets<Entry>> | undefined;
  return () => {
    loaded ??= loadBundle(bundle).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
