import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { projectRoot } from '../../project-root.js';
import { hashedAssetsOf, type BrowserBundle, type LoadBundle } from './hashed-assets.js';

/** One way to build every browser bundle, in memory or for dist/: minified ES modules, names carrying a content hash. */
function browserBuild(bundle: BrowserBundle<string>, outdir: string) {
  return {
    absWorkingDir: projectRoot,
    entryPoints: { ...bundle.entryPoints },
    outdir,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    // Fonts a stylesheet refers to (Monaco's icons) become files of their own.
    loader: { '.ttf': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  } as const satisfies BuildOptions;
}

/**
 * Bundles a browser app in memory (about a second for the console, two for the explorer): what the
 * server does when it runs from the sources (tsx, `npm start` without a current build, the tests).
 * Nothing from a CDN, nothing written to disk. In dist/main.js, `npm run build` puts
 * read-prebuilt-bundle.ts in place of this module: the compiled server never loads esbuild.
 */
export const loadBundle: LoadBundle = async (bundle) => {
  const result = await build(browserBuild(bundle, bundle.name));
  return hashedAssetsOf(bundle, result.outputFiles);
};

/**
 * Builds a browser app into `<assetsFolder>/<name>/` (`npm run build`: dist/assets/), where the
 * compiled server reads it. Writes nothing when an entry the page links is missing.
 */
export async function writeBundle(bundle: BrowserBundle<string>, assetsFolder: string): Promise<void> {
  const folder = join(assetsFolder, bundle.name);
  const { outputFiles } = await build(browserBuild(bundle, folder));
  hashedAssetsOf(bundle, outputFiles);
  await mkdir(folder, { recursive: true });
  await Promise.all(outputFiles.map((file) => writeFile(file.path, file.contents)));
}
