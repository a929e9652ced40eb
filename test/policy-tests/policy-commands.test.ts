// The two commands as processes: `npm run policy:test` exits 1 naming file:line with expected and
// actual for an expectation that does not hold, 2 for a wrong argument; `npm run policy:impact`
// compares a scratch policy change (maintainers, and so admins, lose delete:repository; the readme
// is guarded by read instead of read_code) with the commit it was made on, and prints the loss, the
// guard's change and the expectations that flip. Both run on the embedded database whatever
// DATABASE_URL says, so CI runs them once (see test/helpers/stage-independent.ts).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBaseWorktree, commitOf, type BaseWorktree } from '../../src/policy-tests/impact/base-worktree.js';
import { projectRoot } from '../../src/project-root.js';
import { runProcess } from '../helpers/run-process.js';
import { runCommand } from '../helpers/run-cli.js';
import { runsInAnotherStage } from '../helpers/stage-independent.js';

const git = promisify(execFile);

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rolegate-policy-commands-'));
  await writeFile(
    join(folder, 'story.yaml'),
    `world:
  users: [ann, ray]
  organizations:
    acme:
      members: { ann: admin }
      repositories:
        web:
          readme: hello
          collaborators: { ray: maintainer }
expectations:
  - check: { user: ray, permission: delete:repository, resource: acme/web, expect: allow }
  - who: { permission: delete:repository, resource: acme/web, expect: [ann, ray] }
  - who: { permission: delete:repository, resource: acme/web, expect: [ray] }
  - check: { user: ray, permission: update:repository, resource: acme/web, expect: allow }
  - check: { user: ann, permission: read:organization, resource: acme, expect: not_found }
`,
  );
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe.skipIf(runsInAnotherStage('embedded'))('npm run policy:test', () => {
  it('exits 1 and names the file:line of what does not hold, expected and actual side by side', async () => {
    const result = await runCommand('src/cli/policy-test.ts', [join(folder, 'story.yaml')], { DATABASE_URL: '' });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(
      [
        `✗ ${join(folder, 'story.yaml')}:15  check ann read:organization acme`,
        '      expected   actual',
        '      not_found  allow: Holds organization role "admin", which implies "member" (membership).',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/5 expectations in 1 file: 3 hold, 2 do not\.\n$/);
  }, 120_000);

  it.each([
    ['--jsn', "Unknown option '--jsn'."],
    ['--write-schema policy-tests', '--write-schema runs nothing: give it alone.'],
    ['policy-tests/none.yaml', 'No such file or folder: policy-tests/none.yaml.'],
  ])('npm run policy:test -- %s exits 2 with the usage', async (args, message) => {
    const result = await runCommand('src/cli/policy-test.ts', args.split(' '), { DATABASE_URL: '' });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stderr).toContain('Usage: npm run policy:test');
  });
});

describe.skipIf(runsInAnotherStage('embedded'))('npm run policy:impact', () => {
  it.each([
    ['', '--base is required: the commit to compare the working tree with (HEAD~1, main, a hash).'],
    ['--base no-such-ref', '--base "no-such-ref" names no commit of this repository.'],
  ])('npm run policy:impact -- %s exits 2 with the usage', async (args, message) => {
    const result = await runCommand('src/cli/policy-impact.ts', args ? args.split(' ') : [], {});
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
  });

  describe('on a scratch policy change', () => {
    let scratch: BaseWorktree;
    beforeAll(async () => {
      // A checkout of HEAD with the working tree's runner (what the base of a comparison gets), then the change, uncommitted.
      scratch = await addBaseWorktree(projectRoot, (await commitOf(projectRoot, 'HEAD')) as string);
      await cp(join(projectRoot, 'src/cli/policy-impact.ts'), join(scratch.directory, 'src/cli/policy-impact.ts'));
      const policy = join(scratch.directory, 'src/gitclub/policy/policy.ts');
      const source = await readFile(policy, 'utf8');
      const changed = source.replace("actions: ['update', 'delete', 'manage_issues'", "actions: ['update', 'manage_issues'");
      expect(changed, 'the maintainer row to change').not.toBe(source);
      await writeFile(policy, changed);
      const sdl = join(scratch.directory, 'schema/repositories.graphql');
      await writeFile(
        sdl,
        (await readFile(sdl, 'utf8')).replace(
          'readme: String @auth(permission: "read_code:repository")',
          'readme: String @auth(permission: "read:repository")',
        ),
      );
    }, 60_000);
    afterAll(() => scratch?.remove());

    it('prints the role that loses a permission, the guard that changes, and the expectations that flip', async () => {
      const tsx = join(projectRoot, 'node_modules/tsx/dist/cli.mjs');
      const result = await runProcess(
        process.execPath,
        [tsx, 'src/cli/policy-impact.ts', '--base', scratch.commit, join(folder, 'story.yaml')],
        {
          cwd: scratch.directory,
          env: { ...process.env, DATABASE_URL: '' },
        },
      );
      expect(result.code, result.stderr).toBe(0);
      const story = join(folder, 'story.yaml');
      expect(result.stdout.split('\n')).toEqual([
        `What the working tree changes, against ${scratch.commit} (${scratch.commit.slice(0, 7)}):`,
        '',
        'Built-in roles:',
        '  maintainer loses delete:repository',
        'Permissions: no change.',
        'Guards (schema coordinates):',
        '  Repository.readme: read_code:repository -> read:repository',
        'Expectations that flip (2):',
        `  ${story}:11  check ray delete:repository acme/web`,
        '    before  holds: allow',
        '    after   fails: forbidden',
        `  ${story}:12  who delete:repository acme/web`,
        '    before  holds: ["ann","ray"]',
        '    after   fails: []',
        'Answers that change, holding or failing as before (1):',
        `  ${story}:13  who delete:repository acme/web`,
        '    before  fails: ["ann","ray"]',
        '    after   fails: []',
        '',
        '2 expectations flip; 1 more changes its answer.',
        '',
      ]);
      // The base's worktree is gone; the scratch one is still there.
      const { stdout } = await git('git', ['worktree', 'list', '--porcelain'], { cwd: projectRoot });
      expect(stdout.match(/^worktree .*rolegate-policy-impact-/gm)).toHaveLength(1);
    }, 240_000);
  });
});
