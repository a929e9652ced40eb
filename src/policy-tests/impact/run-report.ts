import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { PolicyTestReport } from '../run-policy-tests.js';

/** Long enough for a slow machine to migrate a database and run every file; JSON reports are small, but not tiny. */
const limits = { timeout: 15 * 60_000, maxBuffer: 256 * 1024 * 1024 };

/**
 * Runs `policy:test --json` on `files` with the code of `directory` (the working tree, or a base
 * worktree), through the working tree's own tsx, and reads its report. Exit 1 (expectations that do
 * not hold, refused files) still reports; anything else is a failure to run, its output quoted.
 */
export function runReportIn(
  directory: string,
  tsxCli: string,
  files: readonly string[],
  /** Which side it is, in a message: `the working tree`, `the base (1a2b3c4)`. */
  side: string,
): Promise<PolicyTestReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsxCli, join('src', 'cli', 'policy-test.ts'), '--json', ...files],
      { cwd: directory, ...limits },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (code === 0 || code === 1) {
          try {
            resolve(JSON.parse(stdout) as PolicyTestReport);
            return;
          } catch {
            // Not a report: fall through to the failure.
          }
        }
        const output = `${stderr}${stdout}`.trim().split('\n').slice(-20).join('\n');
        reject(
          new Error(`The policy tests could not run with the code of ${side} (exit ${code ?? error?.signal ?? 'unknown'}):\n${output}`),
        );
      },
    );
  });
}
