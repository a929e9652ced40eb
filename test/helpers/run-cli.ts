import { spawn } from 'node:child_process';

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
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
