import { join } from 'node:path';
import type { BrowserBundle, HashedAssets } from '../http/assets/hashed-assets.js';
import { servedBundle } from '../http/assets/served-bundle.js';
import { projectRoot } from '../project-root.js';

/** The files the console's page links: its script and its stylesheet. */
export type ConsoleEntry = 'script' | 'stylesheet';
/** The console's files as served. */
export type ConsoleAssets = HashedAssets<ConsoleEntry>;

/** The console's browser bundle: the React app (TSX sources in app/), React and the stylesheet. */
export const consoleBundle: BrowserBundle<ConsoleEntry> = {
  name: 'console',
  entryPoints: { console: join(projectRoot, 'src', 'console', 'app', 'main.tsx') },
  entries: { script: 'console.js', stylesheet: 'console.css' },
};

/**
 * The console's files, once per process on the first request: bundled in memory from the sources,
 * read from dist/assets/console/ by the compiled server. Nothing comes from a CDN.
 */
export const consoleAssets = servedBundle(consoleBundle);
