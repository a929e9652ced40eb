import { spawn, type SpawnOptions } from 'node:child_process';

/** What a finished process did: its exit code and everything it printed. */
export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a process to its end and returns its exit code and both outputs. It waits for 'close', not
 * 'exit': 'exit' may come before the last of a pipe has been read, and a test then sees a short
 * or empty output from a command that printed it all.
 */
export function runProcess(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * V8 flags for the Node processes tests start (commands, servers): WebAssembly compiled by the
 * baseline compiler only. The embedded database is a large WebAssembly module; a process that lives
 * seconds spends more CPU optimizing it in background threads than it ever gains (a compiled
 * command on a migrated database: 2.3 s of CPU without the flag, 1.3 s with it). Behaviour is the
 * same: only how the code is compiled changes.
 */
export const testNodeFlags: readonly string[] = ['--liftoff-only'];
