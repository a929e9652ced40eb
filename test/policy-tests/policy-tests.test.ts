// Every policy-test file of policy-tests/ (YAML), each against a database of its own holding its world,
// one test per expectation named by its file:line; then the runner itself: what it reports when an
// expectation does not hold, what it refuses (each problem named file:line), and the JSON Schema
// editors read, which must be what the format says.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { policyTestJsonSchema, policyTestSchemaPath } from '../../src/policy-tests/format/policy-test-schema.js';
import { formatFailure } from '../../src/policy-tests/format-report.js';
import type { ExpectationResult } from '../../src/policy-tests/expectations/expectation-result.js';
import { policyTestPaths } from '../../src/policy-tests/policy-test-files.js';
import {
  parsePolicyTestFile,
  PolicyTestFileError,
  readPolicyTestFile,
  type PolicyTestFile,
} from '../../src/policy-tests/read-policy-test-file.js';
import { expectationTitle, runPolicyTestFile } from '../../src/policy-tests/run-policy-test-file.js';
import { runPolicyTests } from '../../src/policy-tests/run-policy-tests.js';
import type { OpenWorldDatabase } from '../../src/policy-tests/world-databases.js';
import { testWorldDatabases } from './test-world-databases.js';

const openDatabase: OpenWorldDatabase = testWorldDatabases();
const projectFiles = await Promise.all(
  (await policyTestPaths([], projectRoot)).map(({ path, file }) => readPolicyTestFile(path, file).catch((error: unknown) => error)),
);

it('policy-tests/ holds the personas and a file per seed story (and any other file is run too)', () => {
  expect(
    projectFiles.map((file) => (file instanceof PolicyTestFileError ? file.problems[0]?.file : (file as PolicyTestFile).file)),
  ).toEqual(
    expect.arrayContaining([
      'policy-tests/ci-cd-role.yaml',
      'policy-tests/expiring-exception.yaml',
      'policy-tests/outside-collaborator.yaml',
      'policy-tests/personas.yaml',
    ]),
  );
});

for (const file of projectFiles) {
  if (!(file instanceof PolicyTestFileError || 'document' in (file as object))) throw file;
  if (file instanceof PolicyTestFileError) {
    it(`${file.problems[0]?.file} can be run`, () => expect.fail(file.message));
    continue;
  }
  const checked = file as PolicyTestFile;
  describe(checked.file, () => {
    let results: Promise<ExpectationResult[]>;
    beforeAll(() => {
      results = runPolicyTestFile(checked, openDatabase);
      // Each test awaits it; a failure to run at all fails them all, once each.
      results.catch(() => {});
    });
    it.each(
      checked.document.expectations.map((spec, index) => ({
        index,
        name: `${checked.file}:${checked.lineOf(['expectations', index])} ${expectationTitle(spec)}`,
      })),
    )('$name', async ({ index }) => {
      const result = (await results)[index] as ExpectationResult;
      if (!result.passed) expect.fail(formatFailure(result));
    });
  });
}

describe('the runner', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rolegate-policy-test-files-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  /** Writes a file of the temporary folder and runs it as the command would, named `name`. */
  const run = async (name: string, text: string, options: { json?: boolean; openDatabase?: OpenWorldDatabase } = {}) => {
    await writeFile(join(folder, name), text);
    return runPolicyTests([{ path: join(folder, name), file: name }], { openDatabase, ...options });
  };

  const world = `
world:
  users: [ann, bob, eve, sam, zoe]
  suspended: [zoe]
  platform_roles: { sam: support }
  organizations:
    acme:
      default_repository_role: reader
      members: { ann: admin, bob: member, zoe: member }
      custom_roles:
        reader: { permissions: ["read:repository"] }
      repositories:
        web:
          issues: [{ title: Broken, author: bob }]
`;

  it('reports each expectation that does not hold as file:line and what it checks, expected and actual side by side', async () => {
    const text = `${world}
expectations:
  - check: { user: bob, permission: read:repository, resource: acme/web, expect: allow }
  - check: { user: bob, permission: read_code:repository, resource: acme/web, expect: allow, why: members read the code }
  - who: { permission: read:repository, resource: acme/web, expect: [ann, bob, eve] }
  - list: { user: bob, permission: close:issue, expect: [] }
  - query:
      as: bob
      document: '{ repository(owner: "acme", name: "web") { name readme } }'
      expect:
        data: { repository: { name: www, readme: null } }
`;
    const outcome = await run('wrong.yaml', text);
    expect(outcome.passed).toBe(false);
    expect(outcome.text).toContain(
      [
        '✗ wrong.yaml:18  check bob read_code:repository acme/web',
        '    why: members read the code',
        '      expected  actual',
        '      allow     forbidden: sees it; holds default-role reader',
      ].join('\n'),
    );
    expect(outcome.text).toContain(
      [
        '✗ wrong.yaml:19  who read:repository acme/web',
        '      expected  actual',
        '      ann       ann',
        '      bob       bob',
        '      eve       -',
        '      -         sam',
        '      -         zoe',
      ].join('\n'),
    );
    expect(outcome.text).toContain(
      ['✗ wrong.yaml:20  list bob close:issue', '      expected  actual', '      -         acme/web#1'].join('\n'),
    );
    expect(outcome.text).toContain(
      [
        `✗ wrong.yaml:21  query as bob: { repository(owner: "acme", name: "web") { name readme } }`,
        '      at                        expected  actual',
        '      data.repository.name      www       web',
        '      errors.repository.readme  (none)    FORBIDDEN: You need permission "read_code:repository" on repository "acme/web".',
      ].join('\n'),
    );
    expect(outcome.text).not.toContain('wrong.yaml:17 ');
    expect(outcome.text).toMatch(/5 expectations in 1 file: 1 hold, 4 do not\.$/);
  });

  it('runs a world of every kind as written: suspended users, platform staff, a custom default role', async () => {
    const text = `${world}
expectations:
  - check: { user: sam, permission: read:repository, resource: acme/web, expect: allow, why: platform support reads every tenant }
  - check: { user: zoe, permission: read:repository, resource: acme/web, expect: allow, why: suspension keeps the roles }
  - who: { permission: read:repository, resource: acme/web, expect: [ann, bob, sam, zoe] }
  - list: { user: zoe, permission: read:repository, expect: [] }
  - list: { user: sam, permission: read:repository, expect: [], why: viewer.repositories lists what one holds (support reads more) }
  - query: { as: zoe, document: "{ viewer { login } }", expect: { data: null, errors: { (request): UNAUTHENTICATED } } }
  - query: { as: anonymous, document: "{ viewer { login } }", expect: { data: null, errors: { viewer: UNAUTHENTICATED } } }
`;
    const outcome = await run('every-kind.yaml', text);
    expect(outcome.text, outcome.text).toMatch(/7 expectations in 1 file: 7 hold, 0 do not\.$/);
    expect(outcome.passed).toBe(true);
  });

  it('prints the policy and every result as JSON when asked (what policy:impact compares)', async () => {
    const outcome = await run(
      'json.yaml',
      `${world}\nexpectations:\n  - check: { user: bob, permission: delete:repository, resource: acme/web, expect: deny }\n`,
      {
        json: true,
      },
    );
    const report = JSON.parse(outcome.text) as typeof outcome.report;
    expect(report.policy.roles.maintainer).toContain('delete:repository');
    expect(report.policy.guards['Repository.readme']).toBe('read_code:repository');
    expect(report.files[0]?.results.map(({ line, passed, actual }) => ({ line, passed, actual }))).toEqual([
      { line: 17, passed: true, actual: 'forbidden' },
    ]);
  });

  it.each<[problem: string, text: string, messages: string[]]>([
    [
      'YAML that does not parse',
      'world:\n  users: [ann\nexpectations: []\n',
      ['bad.yaml:3: Flow sequence in block collection must be sufficiently indented and end with a ].'],
    ],
    ['a repeated key', 'world:\n  users: [ann]\n  users: [bob]\nexpectations: []\n', ['bad.yaml:3: Map keys must be unique.']],
    [
      'an unknown key, a wrong type, a missing field',
      'world:\n  users: [ann]\n  organisations: {}\nexpectations:\n  - check: { user: ann, permission: read:organization, resource: acme, expect: yes }\n  - who: { permission: 7 }\n',
      [
        'bad.yaml:3: Unknown key "organisations" in the world: expected "users", "suspended", "platform_roles", "organizations" or "grants".',
        'bad.yaml:5: "expect" of a check must be one of "allow", "deny", "forbidden" or "not_found"; got "yes".',
        'bad.yaml:6: A "who" expectation needs "resource" and "expect".',
        'bad.yaml:6: "permission" of a "who" expectation must be a string; got the number 7.',
      ],
    ],
    [
      'two kinds in one expectation',
      'world:\n  users: [ann]\nexpectations:\n  - check: { user: ann, permission: read:organization, resource: ann, expect: deny }\n    list: { user: ann, permission: read:organization, expect: [] }\n',
      ['bad.yaml:4: An expectation is exactly one of "check", "who", "list" or "query"; got "check" and "list".'],
    ],
    [
      'names the world does not have',
      [
        'world:',
        '  users: [ann]',
        '  organizations:',
        '    acme:',
        '      members: { ann: owner, bob: member }',
        '      repositories: { web: { collaborators: { ann: ci } } }',
        'expectations:',
        '  - check: { user: eve, permission: read_code:repo, resource: acme/web, expect: allow }',
        '  - who: { permission: read:repository, resource: acme, expect: [ann] }',
        '  - query: { as: ann, document: "{ x }", variables: { id: { $id: acme/www } }, expect: {} }',
        '',
      ].join('\n'),
      [
        'bad.yaml:5: "owner" is not an organization role of "acme": expected "member", "billing" or "admin".',
        'bad.yaml:5: Unknown user "bob": the world\'s users are "ann".',
        'bad.yaml:6: "ci" is not a repository role of "acme": expected "contributor" or "maintainer".',
        'bad.yaml:8: Unknown user "eve": the world\'s users are "ann".',
        'bad.yaml:8: Unknown permission "read_code:repo": the policy has no such permission (see docs/permissions.md).',
        'bad.yaml:9: "acme" is an organization, not a repository.',
        'bad.yaml:10: { $id: acme/www } names no resource of the world.',
      ],
    ],
  ])('refuses %s, naming file:line for each problem', (_problem, text, messages) => {
    let refusal: unknown;
    try {
      parsePolicyTestFile(text, 'bad.yaml');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(PolicyTestFileError);
    expect((refusal as Error).message.split('\n')).toEqual(messages);
  });

  it('runs nothing of a refused file, and fails the run naming its file:line', async () => {
    let opened = 0;
    const outcome = await run(
      'refused.yaml',
      'world:\n  users: [ann]\nexpectations:\n  - check: { user: bob, permission: read:organization, resource: ann, expect: deny }\n',
      {
        openDatabase: async () => {
          opened++;
          return openDatabase();
        },
      },
    );
    expect(outcome.passed).toBe(false);
    expect(opened).toBe(0);
    expect(outcome.text.split('\n')).toEqual([
      `✗ refused.yaml:4: Unknown user "bob": the world's users are "ann".`,
      '✗ refused.yaml:4: "ann" is a user, not an organization.',
      'refused.yaml: refused (2 problems): nothing was run',
      '0 expectations in 1 file: 0 hold, 0 do not; 1 file refused.',
    ]);
  });
});

it('policy-tests/policy-test.schema.json is what the format says (npm run policy:test -- --write-schema)', async () => {
  expect(JSON.parse(await readFile(policyTestSchemaPath, 'utf8'))).toEqual(JSON.parse(policyTestJsonSchema()));
});
