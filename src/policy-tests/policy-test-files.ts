import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The folder of the project's policy tests, and what a policy-test file's name ends with. */
export const policyTestFolder = 'policy-tests';
const extensions = ['.yaml', '.yml'];

/** A file to run: where it is, and how messages name it. */
export interface PolicyTestPath {
  readonly path: string;
  readonly file: string;
}

/**
 * The policy-test files that arguments name: each file as it is, each folder's `*.yaml` files (not
 * its subfolders'), in name order; `policy-tests/` when there are none. A name that is neither, or a
 * folder without one, is refused, naming it.
 */
export async function policyTestPaths(args: readonly string[], cwd = process.cwd()): Promise<PolicyTestPath[]> {
  const named = args.length > 0 ? args : [policyTestFolder];
  const paths: PolicyTestPath[] = [];
  for (const arg of named) {
    const path = resolve(cwd, arg);
    // Named as given: relative to where the command runs, or absolute (what policy:impact gives both of its runs).
    const shown = (file: string) => (isAbsolute(arg) ? file : relative(cwd, file));
    const found = await stat(path).catch(() => undefined);
    if (!found) throw new Error(`No such file or folder: ${arg}.`);
    if (found.isDirectory()) {
      const files = (await readdir(path)).filter((name) => extensions.some((extension) => name.endsWith(extension))).sort();
      if (files.length === 0) throw new Error(`${arg} holds no policy-test files (*.yaml).`);
      paths.push(...files.map((name) => ({ path: join(path, name), file: shown(join(path, name)) })));
    } else paths.push({ path, file: shown(path) });
  }
  return paths;
}
