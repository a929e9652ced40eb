import { runProcess, testNodeFlags } from './run-process.js';

/** Runs one of the project's command-line tools (`src/cli/*.ts`) and returns what it printed; rejects on a non-zero exit. */
export async function runCli(script: string, args: readonly string[], env: Record<string, string | undefined>): Promise<string> {
  const { code, stdout, stderr } = await runCommand(script, args, env);
  if (code !== 0) throw new Error(`${script} exited ${code}: ${stderr}`);
  return stdout;
}

/** Runs a command-line tool and returns its exit code and both outputs, whatever the code. */
export function runCommand(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runProcess(process.execPath, [...testNodeFlags, '--import', 'tsx', script, ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...env },
  });
}
