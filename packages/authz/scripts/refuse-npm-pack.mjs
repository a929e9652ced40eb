// The in-repo package.json exports TypeScript sources (./src/index.ts) for the repository's own use, so
// `npm pack` or `npm publish` on this folder would ship a package no one can run: they are refused, and
// `npm run pack` (scripts/pack.mjs) builds and packs the real one. npm runs this script as `prepack`,
// also just before `npm run pack` itself (npm_command "run"), which is let through.
import process from 'node:process';

if (process.env.npm_command !== 'run' && process.env.npm_command !== 'run-script') {
  process.stderr.write('This folder holds the TypeScript sources; build and pack the package with: npm run pack -w @rolegate/authz\n');
  process.exit(1);
}
