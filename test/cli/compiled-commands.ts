import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compileCommands } from '../../scripts/build-steps.js';
import { projectRoot } from '../../src/project-root.js';
import { runProcess, testNodeFlags, type ProcessResult } from '../helpers/run-process.js';
import { scriptOf } from './commands.js';

/** What a command did: its exit code and everything it printed. */
export type CommandResult = ProcessResult;

/** The commands compiled for one test file: where each one is, how to run it, and how to remove them. */
export interface CompiledCommands {
  /** The compiled file of `npm run <name>`. */
  file(name: string): string;
  /** Runs `node <file> ...args` with this process's environment and `env` over it. */
  run(name: string, args: readonly string[], env: Record<string, string>): Promise<CommandResult>;
  remove(): Promise<void>;
}

/**
 * Compiles every command with the build's own step (scripts/build-steps.ts) into a folder of the
 * calling test file's own, inside the project like dist/cli/ (so they find it the same way), and
 * runs them with node: what the production image runs, without tsx compiling the sources again on
 * every run. `npm run` (tsx) itself is what test/cli/help-and-flags.test.ts runs.
 */
export async function compiledCommands(): Promise<CompiledCommands> {
  const parent = join(projectRoot, 'test-artifacts');
  await mkdir(parent, { recursive: true });
  const folder = await mkdtemp(join(parent, 'compiled-commands-'));
  await compileCommands(folder);
  const file = (name: string) => join(folder, `${basename(scriptOf(name), '.ts')}.js`);
  return {
    file,
    run: (name, args, env) => runNode([file(name), ...args], env),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

function runNode(args: readonly string[], env: Record<string, string>): Promise<CommandResult> {
  return runProcess(process.execPath, [...testNodeFlags, ...args], { cwd: projectRoot, env: { ...process.env, ...env } });
}
