import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The policy-test runner's own files, and the command-line helpers it reads its arguments with:
 * copied over the base's, so both sides of a comparison run the same runner and differ only in the
 * code under test (the policy, the schema, the resolvers).
 */
export const runnerFiles = [
  'src/policy-tests',
  'src/cli/policy-test.ts',
  'src/cli/cli-arguments.ts',
  'src/cli/open-cli-database.ts',
  'packages/authz/src/query-expectations.ts',
];

/** The line of the core's index that exports the runner's part of the core. */
const coreExport = "export * from './query-expectations.js';";

/** A checkout of another commit beside the working tree, ready to run the policy tests; remove it when done. */
export interface BaseWorktree {
  readonly directory: string;
  /** The commit it holds, in full. */
  readonly commit: string;
  remove(): Promise<void>;
}

/** The commit a ref names in the repository at `root`, or undefined when it names none. */
export async function commitOf(root: string, ref: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks `commit` out in a temporary folder (`git worktree add --detach`), with the working tree's
 * packages (node_modules linked entry by entry, but the workspace's own `@rolegate/authz`, which is
 * the base's) and the working tree's runner files copied over the base's.
 */
export async function addBaseWorktree(root: string, commit: string): Promise<BaseWorktree> {
  const directory = await mkdtemp(join(tmpdir(), 'rolegate-policy-impact-'));
  await run('git', ['worktree', 'add', '--detach', '--force', directory, commit], { cwd: root });
  const remove = async () => {
    await run('git', ['worktree', 'remove', '--force', directory], { cwd: root }).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
    await run('git', ['worktree', 'prune'], { cwd: root }).catch(() => undefined);
  };
  try {
    await linkPackages(root, directory);
    for (const file of runnerFiles) {
      await rm(join(directory, file), { recursive: true, force: true });
      await cp(join(root, file), join(directory, file), { recursive: true });
    }
    const index = join(directory, 'packages/authz/src/index.ts');
    if (!(await readFile(index, 'utf8')).includes(coreExport)) await appendFile(index, `${coreExport}\n`);
  } catch (error) {
    await remove();
    throw error;
  }
  return { directory, commit, remove };
}

/** Gives `directory` the packages of `root`: each entry of its node_modules linked, the workspace package to the directory's own. */
async function linkPackages(root: string, directory: string): Promise<void> {
  const modules = join(directory, 'node_modules');
  await mkdir(join(modules, '@rolegate'), { recursive: true });
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry !== '@rolegate') await symlink(join(root, 'node_modules', entry), join(modules, entry));
  }
  await symlink(join(directory, 'packages', 'authz'), join(modules, '@rolegate', 'authz'));
}
