import { readFile } from 'node:fs/promises';
import { checkShape, type DataPath } from './format/check-shape.js';
import { policyTestFormat, type PolicyTestDocument } from './format/policy-test-format.js';
import { readYaml } from './format/read-yaml.js';
import { checkExpectations } from './world/check-expectations.js';
import { checkWorld } from './world/check-world.js';
import { worldNamesOf, type WorldNames } from './world/world-names.js';

/** A policy-test file read and checked: its world and expectations, the names in it, and the line of each part. */
export interface PolicyTestFile {
  /** The file as messages name it (relative to where the command runs). */
  readonly file: string;
  readonly document: PolicyTestDocument;
  readonly names: WorldNames;
  lineOf(path: DataPath): number;
}

/** One thing wrong with a file, at a line. */
export interface FileProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A file that cannot be run: every problem found in it, each naming its `file:line`. */
export class PolicyTestFileError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join('\n'));
    this.name = 'PolicyTestFileError';
  }
}

/** Reads and checks a policy-test file; a file that cannot be read or run is a `PolicyTestFileError`. */
export async function readPolicyTestFile(path: string, file = path): Promise<PolicyTestFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    throw new PolicyTestFileError([{ file, line: 1, message: `Cannot read the file: ${reason}.` }]);
  }
  return parsePolicyTestFile(text, file);
}

/**
 * Checks a policy-test file's text, in three passes that each report every problem they find: the
 * YAML itself, the shape (unknown keys, wrong types, missing fields), then the names (users, roles,
 * permissions and resources that the world does not have). Pure.
 */
export function parsePolicyTestFile(text: string, file: string): PolicyTestFile {
  const refuse = (problems: readonly { readonly line: number; readonly message: string }[]): never => {
    throw new PolicyTestFileError([...problems].sort((a, b) => a.line - b.line).map((problem) => ({ file, ...problem })));
  };
  const { data, problems } = readYaml(text);
  if (!data) return refuse(problems);
  const located = (found: readonly { readonly path: DataPath; readonly message: string }[]) =>
    found.map((problem) => ({ line: data.lineOf(problem.path), message: problem.message }));
  const misshapen = [...problems, ...located(checkShape(data.value, policyTestFormat))];
  if (misshapen.length > 0) return refuse(misshapen);
  const document = data.value as PolicyTestDocument;
  const names = worldNamesOf(document.world);
  const unresolved = located([...checkWorld(document.world, names), ...checkExpectations(document.expectations, names)]);
  if (unresolved.length > 0) return refuse(unresolved);
  return { file, document, names, lineOf: data.lineOf };
}
