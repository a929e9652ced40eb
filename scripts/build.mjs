// `npm run build`: the server compiled to one JavaScript file, dist/main.js, which `npm start` runs
// when it is newer than the sources (scripts/start.mjs), and each command-line tool to
// dist/cli/<name>.js, which the production image runs (`node dist/cli/roles-report.js`). The app
// and @rolegate/authz (TypeScript sources) are bundled; every other package stays in node_modules.
// No type checking here: that is `npm run typecheck`.
import { readdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const common = {
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

/** The command-line tools: every script under src/cli/ that is a command (not a helper module). */
const helpers = new Set(['cli-arguments.ts', 'open-cli-database.ts', 'input-file.ts']);
const cliEntries = (await readdir('src/cli')).filter((file) => file.endsWith('.ts') && !helpers.has(file)).map((file) => `src/cli/${file}`);

await rm('dist', { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/main.js' });
// Loaded first (`node --import ./dist/tracing.js dist/main.js`): tracing must patch modules before the server imports them.
// The SDK is imported only when tracing is on: dist/start-tracing.js is its own file.
await build({ ...common, entryPoints: ['src/tracing/preload.ts'], outfile: 'dist/tracing.js', external: ['./start-tracing.js'] });
await build({ ...common, entryPoints: ['src/tracing/start-tracing.ts'], outfile: 'dist/start-tracing.js' });
await build({ ...common, entryPoints: cliEntries, outdir: 'dist/cli', entryNames: '[name]' });
console.log(`Built dist/main.js, dist/tracing.js and ${cliEntries.length} commands in dist/cli/`);
