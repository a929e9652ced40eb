import { basename, join } from 'node:path';
import { projectRoot } from '../../project-root.js';
import { build } from 'esbuild';

/** One file of the explorer's bundle, served under its content-hashed name. */
export interface ExplorerAsset {
  readonly contents: Uint8Array;
  readonly contentType: string;
}

/** The explorer's files: the page needs the names of its script, stylesheet and workers. */
export interface ExplorerBundle {
  readonly assets: ReadonlyMap<string, ExplorerAsset>;
  readonly script: string;
  readonly stylesheet: string;
  /** Monaco worker file per language label (`editorWorkerService`, `json`, `graphql`). */
  readonly workers: Readonly<Record<string, string>>;
}

const entryPoints = {
  explorer: join(projectRoot, 'src', 'http', 'explorer', 'explorer-app.js'),
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};
const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

let bundled: Promise<ExplorerBundle> | undefined;

/**
 * Bundles GraphiQL, React and Monaco's workers from node_modules in memory, once per process and
 * only when a browser first asks for the explorer (about two seconds): nothing is loaded from a
 * CDN, nothing generated is committed or written to disk. A failed build is retried next time.
 */
export function explorerBundle(): Promise<ExplorerBundle> {
  bundled ??= bundleExplorer().catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  return bundled;
}

async function bundleExplorer(): Promise<ExplorerBundle> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'explorer-assets',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.ttf': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, ExplorerAsset>();
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    const extension = name.slice(name.lastIndexOf('.'));
    assets.set(name, {
      contents: file.contents,
      contentType: contentTypes[extension] ?? 'application/octet-stream',
    });
  }
  const named = (prefix: string, extension: string) => {
    const name = [...assets.keys()].find((candidate) => candidate.startsWith(`${prefix}-`) && candidate.endsWith(extension));
    if (!name) throw new Error(`The explorer bundle has no ${prefix}${extension}`);
    return name;
  };
  return {
    assets,
    script: named('explorer', '.js'),
    stylesheet: named('explorer', '.css'),
    workers: {
      editorWorkerService: named('editor.worker', '.js'),
      json: named('json.worker', '.js'),
      graphql: named('graphql.worker', '.js'),
    },
  };
}
