// Packs @rolegate/authz as a package someone can install: `npm run pack -w @rolegate/authz`.
//
// Why a script and not `npm pack` on this folder: in the repository the package exports its TypeScript
// sources, so that the app (tsx, vitest, tsc, esbuild) uses it by name through the workspace link with
// no build step and no stale dist. What is published is built: this script compiles src/ with
// tsconfig.build.json into a staging folder outside the repository (nothing to ignore or lint), writes
// there the package.json a user installs (exports pointing at dist, no "private", engines, the same
// peers, only dist in files), copies README, CHANGELOG and LICENSE, runs `npm pack` in it and prints
// the tarball's path as its last line.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const usage = `Usage: npm run pack -w @rolegate/authz [-- --destination DIR]

Builds @rolegate/authz (JavaScript and declarations, tsconfig.build.json), packs it with npm pack
and prints the tarball's path.

  --destination DIR  the folder the tarball is written to (default: packages/authz; relative to the
                     folder the command was typed in)
  --help             print this and exit
`;

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package.json a user installs, derived from the in-repo one so that name, version and peers have one source. */
function publishedManifest(repositoryManifest) {
  // Left out: what only the repository uses (scripts, devDependencies), and what is replaced below.
  const {
    private: _private,
    scripts: _scripts,
    devDependencies: _dev,
    exports: _exports,
    files: _files,
    peerDependencies,
    ...described
  } = repositoryManifest;
  return {
    ...described,
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './package.json': './package.json' },
    types: './dist/index.d.ts',
    // npm adds package.json, README and LICENSE by itself.
    files: ['dist', 'CHANGELOG.md'],
    engines: { node: '>=20' },
    peerDependencies,
  };
}

/** Runs a command to completion and returns its stdout (its stderr goes straight through); throws naming it when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    throw new Error(`"${command} ${args.join(' ')}" failed in ${cwd} (${result.error?.message ?? `exit ${result.status}`}).`);
  }
  return result.stdout;
}

/** Builds, stages and packs the package into `destination`; returns the tarball's absolute path. */
function packAuthz(destination) {
  const staging = mkdtempSync(join(tmpdir(), 'rolegate-authz-pack-'));
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    run(process.execPath, [tsc, '-p', join(packageRoot, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')], packageRoot);
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(publishedManifest(manifest), null, 2)}\n`);
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
      if (existsSync(join(packageRoot, file))) copyFileSync(join(packageRoot, file), join(staging, file));
    }
    mkdirSync(destination, { recursive: true });
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], staging));
    return join(destination, packed.filename);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

let values;
try {
  ({ values } = parseArgs({ options: { destination: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
} catch (error) {
  process.stderr.write(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(usage);
} else {
  // Relative to where the command was typed (npm run starts scripts in the package's folder).
  const destination = resolve(process.env.INIT_CWD ?? process.cwd(), values.destination ?? packageRoot);
  process.stdout.write(`${packAuthz(destination)}\n`);
}
