// `npm run build`: the server compiled to one JavaScript file, dist/main.js, which `npm start` runs
// when it is newer than the sources (scripts/start.mjs). The app and @rolegate/authz (TypeScript
// sources) are bundled; every other package stays in node_modules. No type checking here: that is
// `npm run typecheck`.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // The workspace package is TypeScript source: bundle it like the app's own files.
  alias: { '@rolegate/authz': './packages/authz/src/index.ts' },
  sourcemap: true,
  logLevel: 'warning',
});
console.log('Built dist/main.js');
