import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const repositoryRoot = join(packageRoot, '..', '..');

/** The examples' compiled entry points in the project. */
const examples = { apollo: 'build/apollo/server.mjs', yoga: 'build/yoga/server.mjs' };
type Example = keyof typeof examples;

/**
 * What the project installs beside the tarball: the peers, what the examples use, and Node's types for
 * compiling them. Each at the version the repository's lockfile holds, so that the install is a cache
 * hit (npm --prefer-offline) and the examples run on what the app runs.
 */
const dependencies = [
  'graphql',
  '@graphql-tools/utils',
  'dataloader',
  '@graphql-tools/schema',
  '@apollo/server',
  'graphql-yoga',
  '@types/node',
];
const pinned = (name: string) =>
  `${name}@${(JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`;

/** An example server listening on 127.0.0.1. */
export interface RunningExample {
  readonly url: string;
}

/** An empty project with the packed package installed, its examples compiled and both servers started. */
export interface InstalledProject {
  /** The files of the installed package, relative to its folder. */
  readonly packageFiles: readonly string[];
  /** The installed package.json. */
  readonly manifest: Record<string, unknown>;
  readonly servers: Readonly<Record<Example, RunningExample>>;
  /** Runs an example with `--unguarded-field` (a root field with no directive) to its end. */
  runUnguarded(example: Example): Promise<{ exitCode: number; stderr: string }>;
  /** Runs the query-expectations example (`runQueryExpectation` on the documents schema) to its end. */
  runQueryExpectations(): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Stops the servers and deletes the project. */
  remove(): void;
}

/** Packs, installs into a new temporary folder, compiles the examples there and starts both servers. */
export async function installedProject(): Promise<InstalledProject> {
  const folder = mkdtempSync(join(tmpdir(), 'rolegate-authz-installed-'));
  const stops: (() => void)[] = [];
  const remove = () => {
    for (const stop of stops) stop();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const packed = await run(process.execPath, [join(packageRoot, 'scripts', 'pack.mjs'), '--destination', folder]);
    const tarball = packed.stdout.trim().split('\n').at(-1) ?? '';
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'authz-installed', private: true, type: 'module' }));
    const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'];
    await run('npm', [...install, tarball, ...dependencies.map(pinned)], { cwd: folder });

    cpSync(join(packageRoot, 'examples'), join(folder, 'examples'), { recursive: true });
    writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(examplesCompilerConfiguration));
    await run(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', folder], { cwd: folder });

    const installed = join(folder, 'node_modules', '@rolegate', 'authz');
    const [apollo, yoga] = await Promise.all([start(folder, 'apollo', stops), start(folder, 'yoga', stops)]);
    return {
      packageFiles: readdirSync(installed, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(installed, join(entry.parentPath, entry.name)))
        .sort(),
      manifest: JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>,
      servers: { apollo, yoga },
      runUnguarded: (example) =>
        run(process.execPath, [examples[example], '--unguarded-field'], { cwd: folder, timeout: 20_000 }).then(
          (result) => ({ exitCode: 0, stderr: result.stderr }),
          (error: { code?: number; stderr?: string }) => ({ exitCode: error.code ?? -1, stderr: error.stderr ?? '' }),
        ),
      runQueryExpectations: () =>
        run(process.execPath, ['build/query-expectations/documents.mjs'], { cwd: folder, timeout: 20_000 }).then(
          (result) => ({ exitCode: 0, stdout: result.stdout, stderr: result.stderr }),
          (error: { code?: number; stdout?: string; stderr?: string }) => ({
            exitCode: error.code ?? -1,
            stdout: error.stdout ?? '',
            stderr: error.stderr ?? '',
          }),
        ),
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The examples compiled and type-checked (the .mjs servers too) against the installed package's declarations. */
const examplesCompilerConfiguration = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    allowJs: true,
    checkJs: true,
    types: ['node'],
    rootDir: 'examples',
    outDir: 'build',
  },
  include: ['examples'],
};

/** Starts an example on an ephemeral port; resolves with its URL once it says it listens. */
function start(folder: string, example: Example, stops: (() => void)[]): Promise<RunningExample> {
  const child = spawn(process.execPath, [examples[example]], {
    cwd: folder,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stops.push(() => child.kill());
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = / at (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ url });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The ${example} example exited (${code}) before listening:\n${stderr}`)));
  });
}
