// The "Adding a resource type" steps of docs/contributors.md, checked with a throwaway type: the
// typecheck of src/ with a `board` added to the permission table must fail exactly in the
// registry's places, and pass once the steps that page gives for the code are applied. The files
// are changed only in the compiler's memory.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { runsInAnotherStage } from '../helpers/stage-independent.js';

const root = resolve(import.meta.dirname, '..', '..');

/** An edit of one file's text: the anchor to find and the text to insert before it. */
interface Insertion {
  readonly file: string;
  readonly before: string;
  readonly insert: string;
}

/** Step 1: the permission table gets the new type and its permissions. */
const addToPermissionTable: Insertion = {
  file: 'src/gitclub/policy/policy.ts',
  before: '  user: {\n',
  insert: "  board: {\n    read: 'See the project board.',\n    update: 'Move cards on the board.',\n  },\n",
};

/** Step 2: the resource registry describes it. */
const describeInRegistry: Insertion = {
  file: 'src/gitclub/resources.ts',
  before: '  user: {',
  insert: `  board: {
    graphqlType: 'Board',
    visibility: 'read:board',
    organizationOfSql: 'select r.organization_id, b.name from boards b join repositories r on r.id = b.repository_id where b.id = ?',
    supportAccess: [],
    roles: null,
  },
`,
};

/** Step 3: its access loader is registered. */
const registerAccessLoader: Insertion = {
  file: 'src/gitclub/access/index.ts',
  before: '  user: userAccessSource,',
  insert: '  board: () => ({ loadAccess: async (ids) => ids.map(() => null) }),\n',
};

const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => readFileSync(path, 'utf8'));
const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const rootNames = config.fileNames.filter((file) => relative(root, file).startsWith('src/'));

/** The insertions the compiler sees now: the host applies them to the files' text as it reads them. */
let applied = new Map<string, Insertion>();
const host = ts.createIncrementalCompilerHost(config.options);
const readFile = host.readFile.bind(host);
host.readFile = (file) => {
  const text = readFile(file);
  const insertion = applied.get(resolve(file));
  if (text === undefined || !insertion) return text;
  if (!text.includes(insertion.before)) throw new Error(`${insertion.file} no longer contains ${JSON.stringify(insertion.before)}.`);
  return text.replace(insertion.before, insertion.insert + insertion.before);
};
// Each file parsed once for both typechecks, again only when its text differs.
const parsed = new Map<string, ts.SourceFile>();
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (file, language, onError) => {
  const known = parsed.get(file);
  if (known && known.text === host.readFile(file)) return known;
  const sourceFile = getSourceFile(file, language, onError);
  if (sourceFile) parsed.set(file, sourceFile);
  return sourceFile;
};
let previous: ts.SemanticDiagnosticsBuilderProgram | undefined;

/**
 * The diagnostics of a typecheck of src/ with the insertions applied in memory: every file's, as
 * `tsc` reports them. Note: incremental, like `tsc --incremental` or `--watch`: the first check of
 * a run checks every file; a later one starts from the previous one's results and checks again
 * only the files a change can reach (the changed files, and those importing one whose types changed).
 */
function typecheckWith(insertions: readonly Insertion[]): { file: string; message: string }[] {
  applied = new Map(insertions.map((insertion) => [join(root, insertion.file), insertion]));
  const program = ts.createSemanticDiagnosticsBuilderProgram(rootNames, config.options, host, previous);
  previous = program;
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  return diagnostics.map((diagnostic) => ({
    file: diagnostic.file ? relative(root, diagnostic.file.fileName) : '(global)',
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  }));
}

describe.skipIf(runsInAnotherStage('embedded'))('adding a resource type ("board")', () => {
  it('fails the typecheck in the registry and the access loaders until they describe it', () => {
    const problems = typecheckWith([addToPermissionTable]);
    // Each place where the type must be described says so by name; other errors follow from these (the registry indexed by type).
    for (const file of ['src/gitclub/access/index.ts', 'src/gitclub/resources.ts']) {
      expect(problems.filter((problem) => problem.file === file && problem.message.includes("'board'"))).not.toEqual([]);
    }
  }, 120_000);

  it('typechecks once the steps are done', () => {
    expect(typecheckWith([addToPermissionTable, describeInRegistry, registerAccessLoader])).toEqual([]);
  }, 120_000);
});
