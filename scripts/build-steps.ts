// The steps of `npm run build` (scripts/build.mjs), each into a folder of the caller's choosing, so
// a test can compile the commands alone into a folder of its own. Loaded through tsx: the browser
// bundles are described by the app's own modules (src/console/console-bundle.ts and
// src/http/explorer/explorer-bundle.ts), the same descriptions the server bundles in memory from.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { consoleBundle } from '../src/console/console-bundle.js';
import { writeBundle } from '../src/http/assets/bundle-with-esbuild.js';
import { explorerBundle } from '../src/http/explorer/explorer-bundle.js';

const root = resolve(import.meta.dirname, '..');

/** Node code: the app and @rolegate/authz (TypeScript sources) bundled; every other package stays in node_modules. */
const nodeCode: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // The workspace package is TypeScript source: bundle it like the app's own files.
  alias: { '@rolegate/authz': './packages/authz/src/index.ts' },
  sourcemap: true,
  logLevel: 'warning',
};

/** The modules under src/cli/ that are not commands. */
const cliHelpers = new Set(['cli-arguments.ts', 'open-cli-database.ts', 'input-file.ts']);

/** The command-line tools: every file under src/cli/ but the helpers, as `src/cli/<name>.ts`. */
export async function commandSources(): Promise<string[]> {
  const files = await readdir(join(root, 'src', 'cli'));
  return files.filter((file) => file.endsWith('.ts') && !cliHelpers.has(file)).map((file) => `src/cli/${file}`);
}

/** Compiles every command to `<outdir>/<name>.js` (`dist/cli/`: what the production image runs); resolves with how many. */
export async function compileCommands(outdir: string): Promise<number> {
  const entryPoints = await commandSources();
  // Split: what a command imports only once its arguments are read (`await import(...)`: the ORM,
  // the schema) stays in chunks of its own, so `--help` and a refused flag answer without loading them.
  await build({
    ...nodeCode,
    entryPoints,
    outdir: resolve(outdir),
    entryNames: '[name]',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  return entryPoints.length;
}

/**
 * In the server, the browser apps come from dist/assets/ (read-prebuilt-bundle.ts) instead of being
 * bundled at run time (bundle-with-esbuild.ts): the compiled server never loads esbuild.
 */
const prebuiltBrowserApps: Plugin = {
  name: 'prebuilt-browser-apps',
  setup(server) {
    server.onResolve({ filter: /\/bundle-with-esbuild\.js$/ }, (args) => ({ path: join(args.resolveDir, 'read-prebuilt-bundle.ts') }));
  },
};

/**
 * Compiles the server to `<outdir>/main.js`, and the tracing preload to `<outdir>/tracing.js`, loaded
 * first (`node --import ./dist/tracing.js dist/main.js`): tracing must patch modules before the
 * server imports them. The SDK is imported only when tracing is on: `start-tracing.js` is its own file.
 */
export async function compileServer(outdir: string): Promise<void> {
  const main = join(resolve(outdir), 'main.js');
  const server = await build({ ...nodeCode, entryPoints: ['src/main.ts'], outfile: main, plugins: [prebuiltBrowserApps], metafile: true });
  const loadsEsbuild = Object.values(server.metafile.outputs).some((output) =>
    output.imports.some((imported) => imported.path === 'esbuild'),
  );
  if (loadsEsbuild) throw new Error(`${main} would load esbuild at run time: the browser apps must come from dist/assets/.`);
  await Promise.all([
    build({
      ...nodeCode,
      entryPoints: ['src/tracing/preload.ts'],
      outfile: join(resolve(outdir), 'tracing.js'),
      external: ['./start-tracing.js'],
    }),
    build({ ...nodeCode, entryPoints: ['src/tracing/start-tracing.ts'], outfile: join(resolve(outdir), 'start-tracing.js') }),
  ]);
}

/** Builds the console and the explorer to `<outdir>/assets/<name>/`, where the compiled server reads them. */
export async function writeBrowserApps(outdir: string): Promise<void> {
  await Promise.all([consoleBundle, explorerBundle].map((bundle) => writeBundle(bundle, join(resolve(outdir), 'assets'))));
}
