import { join } from 'node:path';
import { projectRoot } from '../../project-root.js';
import type { BrowserBundle, HashedAssets } from '../assets/hashed-assets.js';
import { servedBundle } from '../assets/served-bundle.js';

/** Monaco's worker labels (`editorWorkerService`, `json`, `graphql`): the page maps each to its worker file. */
export const explorerWorkers = ['editorWorkerService', 'json', 'graphql'] as const;
/** The files the explorer's page links: its script, its stylesheet and Monaco's workers. */
export type ExplorerEntry = 'script' | 'stylesheet' | (typeof explorerWorkers)[number];
/** The explorer's files as served. */
export type ExplorerAssets = HashedAssets<ExplorerEntry>;

/** The explorer's browser bundle: GraphiQL, React and Monaco's workers, from node_modules. */
export const explorerBundle: BrowserBundle<ExplorerEntry> = {
  name: 'explorer',
  entryPoints: {
    explorer: join(projectRoot, 'src', 'http', 'explorer', 'explorer-app.js'),
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  entries: {
    script: 'explorer.js',
    stylesheet: 'explorer.css',
    editorWorkerService: 'editor.worker.js',
    json: 'json.worker.js',
    graphql: 'graphql.worker.js',
  },
};

/**
 * The explorer's files, once per process when a browser first asks for the explorer: bundled in
 * memory from the sources (about two seconds), read from dist/assets/explorer/ by the compiled
 * server. Nothing is loaded from a CDN or committed.
 */
export const explorerAssets = servedBundle(explorerBundle);
