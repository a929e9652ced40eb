import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { PolicyTestReport } from '../run-policy-tests.js';
import { addBaseWorktree } from './base-worktree.js';
import { diffReports, type PolicyImpact } from './diff-reports.js';
import { runReportIn } from './run-report.js';

/** The working tree's tsx command line (its package's `bin`), which runs both sides. */
async function tsxCli(root: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(root, 'node_modules', 'tsx', 'package.json'), 'utf8')) as {
    bin: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin.tsx ?? '');
  return join(root, 'node_modules', 'tsx', bin);
}

/** A report with its files named relative to `root` when they are in it (both sides ran them by absolute path). */
function relabelled(report: PolicyTestReport, root: string): PolicyTestReport {
  const name = (file: string) => {
    const inside = relative(root, file);
    return isAbsolute(file) && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
  };
  return {
    policy: report.policy,
    files: report.files.map((outcome) => ({
      file: name(outcome.file),
      problems: outcome.problems.map((problem) => ({ ...problem, file: name(problem.file) })),
      results: outcome.results.map((result) => ({ ...result, file: name(result.file) })),
    })),
  };
}

/**
 * What the working tree at `root` changes against `commit`: the same policy-test files (by absolute
 * path) run by the same runner with each side's code, the base in a temporary worktree (removed
 * after), both at once, and their reports compared.
 */
export async function policyImpact(root: string, commit: string, files: readonly string[]): Promise<PolicyImpact> {
  const cli = await tsxCli(root);
  const base = await addBaseWorktree(root, commit);
  try {
    const [before, after] = await Promise.all([
      runReportIn(base.directory, cli, files, `the base (${commit.slice(0, 7)}; a base much older than the runner may lack what it reads)`),
      runReportIn(root, cli, files, 'the working tree'),
    ]);
    return diffReports(relabelled(before, root), relabelled(after, root));
  } finally {
    await base.remove();
  }
}
