import { readdir, readFile } from 'node:fs/promises';
import { hashedAssetsOf, type LoadBundle } from './hashed-assets.js';

/**
 * Reads a browser app's files from dist/assets/<name>/, where `npm run build` wrote them: what the
 * compiled server serves. scripts/build-steps.ts puts this module in place of bundle-with-esbuild.ts
 * in dist/main.js, so the image needs neither esbuild nor the browser sources.
 * Note: it only ever runs inside dist/main.js, so `import.meta.url` is that file and the assets are beside it.
 */
export const loadBundle: LoadBundle = async (bundle) => {
  const folder = new URL(`assets/${bundle.name}/`, import.meta.url);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new Error(`The ${bundle.name} bundle is not in ${folder.pathname}: \`npm run build\` writes it.`, { cause: error });
  }
  const files = await Promise.all(names.map(async (name) => ({ path: name, contents: await readFile(new URL(name, folder)) })));
  return hashedAssetsOf(bundle, files);
};
