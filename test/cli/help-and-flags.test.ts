import { readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandSources } from '../../scripts/build-steps.js';
import { permissionMatrixPath } from '../../src/cli/permission-matrix.js';
import { projectRoot } from '../../src/project-root.js';
import { runCommand } from '../helpers/run-cli.js';
import { commands, contentsOf, embedded, freshDataDir, scriptOf } from './commands.js';

/**
 * Every command reads its arguments before anything else: `--help` (or `-h`) prints its usage and
 * exits 0 having touched nothing (no database created in a fresh DATA_DIR, docs/permissions.md,
 * docs/configuration.md and docs/frontend.md not rewritten, no draft written); an unknown flag, or an
 * argument where the command takes none, is refused with exit 2, one line naming it, then the usage.
 * Runs are independent: concurrent.
 */
const dataDirs: string[] = [];
afterAll(async () => {
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs a command in a fresh DATA_DIR (its arguments may name files in it: `DATA_DIR/...`) and says what it left there. */
async function runFresh(script: string, args: readonly string[]) {
  const dataDir = await freshDataDir('flags');
  dataDirs.push(dataDir);
  const result = await runCommand(
    script,
    args.map((arg) => arg.replace(/^DATA_DIR\//, `${dataDir}/`)),
    embedded(dataDir),
  );
  return { ...result, dataDir, left: await contentsOf(dataDir) };
}

describe('the commands table', () => {
  it('has a row for every command the build compiles (src/cli/*.ts but helpers)', async () => {
    expect((await commandSources()).sort()).toEqual(commands.map(({ script }) => script).sort());
  });

  it('agrees with every npm script that runs a TypeScript tool: each one a command of src/cli', () => {
    const scripts = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const tools = Object.entries(scripts).filter(([, command]) => /^tsx src\//.test(command));
    expect(tools.length).toBe(commands.length);
    for (const [name, command] of tools)
      expect(commands.find((row) => row.name === name)?.script, `npm run ${name}`).toBe(command.slice('tsx '.length));
  });
});

describe.concurrent('--help', () => {
  const cases: [string, string][] = commands.flatMap(({ name }) => [
    [name, '--help'],
    [name, '-h'],
  ]);
  it.each(cases)('npm run %s -- %s prints its usage, exit 0, touching nothing', async (name, flag) => {
    const generated = [permissionMatrixPath, join(projectRoot, 'docs', 'configuration.md'), join(projectRoot, 'docs', 'frontend.md')];
    const before = generated.map((file) => [readFileSync(file, 'utf8'), statSync(file).mtimeMs]);
    const result = await runFresh(scriptOf(name), [flag]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage:/);
    expect(result.stdout).toMatch(new RegExp(`^Usage:\\s+npm run ${name}`));
    expect(result.stdout).toMatch(/Flags:\n[\s\S]*--help, -h +print this and exit/);
    expect(result.stderr).toBe('');
    expect(result.left, 'nothing written to DATA_DIR').toEqual([]);
    expect(
      generated.map((file) => [readFileSync(file, 'utf8'), statSync(file).mtimeMs]),
      'generated docs untouched',
    ).toEqual(before);
  });

  it.each([
    ['migrate:legacy', 'analyze --out DATA_DIR/draft.json --help'],
    ['legacy:load', 'legacy/flags.example.csv --help'],
    ['db:reset', '--yes --help'],
    ['platform', 'grant support nobody --help'],
    ['legacy:generate', '--users 5 -h'],
  ])('npm run %s -- %s still only prints its usage', async (name, args) => {
    const result = await runFresh(scriptOf(name), args.split(' '));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage:/);
    expect(result.left).toEqual([]);
  });
});

describe.concurrent('an unknown flag', () => {
  it.each(commands.map(({ name }) => [name]))('npm run %s -- --bogus is refused: exit 2, naming it, then the usage', async (name) => {
    const result = await runFresh(scriptOf(name), ['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("Unknown option '--bogus'.");
    expect(result.stderr).toMatch(new RegExp(`Usage:\\s+npm run ${name}`));
    expect(result.stdout).toBe('');
    expect(result.left).toEqual([]);
  });

  it.each([
    ['shadow:report', '--since 2024-01-01', "Unknown option '--since'."],
    ['audit:export', '--org beatles --actor john', "Unknown option '--actor'."],
    ['roles:report', '--unused-days', "Option '--unused-days <value>' argument missing"],
    ['db:reset', '-f', "Unknown option '-f'."],
    ['db:reset', '--yes=no', "Option '-y, --yes' does not take an argument"],
  ])('npm run %s -- %s is refused: %s', async (name, args, line) => {
    const result = await runFresh(scriptOf(name), args.split(' '));
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(line);
    expect(result.left).toEqual([]);
  });
});

describe.concurrent('a stray argument', () => {
  it.each(commands.filter((command) => !command.takesArguments).map(({ name }) => [name]))(
    'npm run %s -- stray is refused: the command takes none',
    async (name) => {
      const result = await runFresh(scriptOf(name), ['stray']);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe("Unexpected argument 'stray': this command takes no arguments, only flags.");
      expect(result.left).toEqual([]);
    },
  );

  it.each([
    ['legacy:load', 'a.csv b.csv', "Unexpected argument 'b.csv': this command takes at most one."],
    ['migrate:legacy', 'plan apply', "Unexpected argument 'apply': this command takes at most one."],
    ['platform', 'list everyone', "Unexpected argument 'everyone': list takes no arguments."],
    ['platform', 'revoke paul john', "Unexpected argument 'john': revoke takes one argument."],
  ])('npm run %s -- %s is refused: %s', async (name, args, line) => {
    const result = await runFresh(scriptOf(name), args.split(' '));
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(line);
    expect(result.left).toEqual([]);
  });
});
