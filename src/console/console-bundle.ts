import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../project-root.js';

/** One file of the console's bundle, served under its content-hashed name. */
export interface ConsoleAsset {
  readonly contents: Uint8Array;
  readonly contentType: string;
}

/** The console's files: the page links its script and its stylesheet by name. */
export interface ConsoleBundle {
  readonly assets: ReadonlyMap<string, ConsoleAsset>;
  readonly script: string;
  readonly stylesheet: string;
}

/** The browser entry: the React app and its stylesheet, TypeScript sources read at run time. */
export const consoleEntryPoint = join(projectRoot, 'src', 'console', 'app', 'main.tsx');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

let bundled: Promise<ConsoleBundle> | undefined;

/**
 * Bundles the console (its TSX sources, React and its stylesheet) in memory, once per process and
 * only when a browser first asks for it: nothing comes from a CDN, nothing generated is written to
 * disk. A failed build is retried on the next request.
 */
export function consoleBundle(): Promise<ConsoleBundle> {
  bundled ??= bundleConsole().catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  return bundled;
}

async function bundleConsole(): Promise<ConsoleBundle> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: { console: consoleEntryPoint },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    write: false,
    outdir: 'console-assets',
    entryNames: '[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, ConsoleAsset>();
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    const extension = name.slice(name.lastIndexOf('.'));
    assets.set(name, { contents: file.contents, contentType: contentTypes[extension] ?? 'application/octet-stream' });
  }
  const named = (extension: string) => {
    const name = [...assets.keys()].find((candidate) => candidate.startsWith('console-') && candidate.endsWith(extension));
    if (!name) throw new Error(`The console bundle has no console${extension}`);
    return name;
  };
  return { assets, script: named('.js'), stylesheet: named('.css') };
}
