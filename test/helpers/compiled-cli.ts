import { compiledCommands, type CommandResult } from '../cli/compiled-commands.js';

/** The commands compiled for one test file, run the way `runCli` (run-cli.ts) runs them through tsx. */
export interface CompiledCli {
  /** Runs the compiled `npm run <name>`; resolves with what it printed, rejects on a non-zero exit (`<name> exited <code>: <stderr>`). */
  runCli(name: string, args: readonly string[], env: Record<string, string>): Promise<string>;
  /** The compiled file of `npm run <name>`, for a test that starts it itself (`node <file>`). */
  file(name: string): string;
  remove(): Promise<void>;
}

/**
 * Compiles the commands (test/cli/compiled-commands.ts: the build's own step) for a test file that
 * is about what a command does, not about how `npm run` starts it: plain node starts them seconds
 * sooner than tsx, which resolves and transforms every source file on each run.
 */
export async function compiledCli(): Promise<CompiledCli> {
  const compiled = await compiledCommands();
  return {
    runCli: async (name, args, env) => printed(name, await compiled.run(name, args, env)),
    file: compiled.file,
    remove: compiled.remove,
  };
}

function printed(name: string, { code, stdout, stderr }: CommandResult): string {
  if (code !== 0) throw new Error(`${name} exited ${code}: ${stderr}`);
  return stdout;
}
