// README's five-minute tour, run as written (bash, curl, jq) against a fresh server: each step
// answers what the tour says it does.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const tools = ['bash', 'curl', 'jq'].filter((tool) => spawnSync('which', [tool]).status !== 0);

/** The tour's shell block, pointed at `port`. */
function tourScript(port: number): string {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## A five-minute tour'));
  const block = /```sh\n([\s\S]*?)```/.exec(tour)?.[1];
  if (!block) throw new Error('README has no shell block in its tour.');
  return block.replaceAll('localhost:4000', `localhost:${port}`);
}

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

describe.skipIf(tools.length > 0)(`README's tour${tools.length > 0 ? ` (needs ${tools.join(', ')})` : ''}`, () => {
  it('answers each step as the tour says', async () => {
    // Asynchronously: the server answering the tour runs in this process.
    const { stdout: output } = await promisify(execFile)('bash', ['-c', tourScript(api.server.port)], { encoding: 'utf8', timeout: 60_000 });
    const [permissions, forbidden, notFound, buttons, whoCanRead, authzen] = output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(permissions).toEqual({
      data: { repository: { name: 'infra', viewerPermissions: ['manage_issues:repository', 'read:repository', 'trigger_workflow:repository'] } },
    });
    expect(forbidden).toMatchObject({
      data: { repository: { name: 'infra', readme: null } },
      errors: [{ extensions: { code: 'FORBIDDEN', permission: 'read_code:repository' } }],
    });
    expect(notFound).toMatchObject({ data: { repository: null }, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    expect(buttons).toEqual({ data: { repository: { canDelete: false, canTrigger: false } } });
    expect(whoCanRead).toEqual({
      data: {
        repository: {
          peopleWithAccess: {
            totalCount: 3,
            nodes: [
              { user: { login: 'john' }, via: [{ via: 'organization-admin', role: 'maintainer' }] },
              { user: { login: 'paul' }, via: [{ via: 'default-role', role: 'contributor' }] },
              { user: { login: 'ringo' }, via: [{ via: 'default-role', role: 'contributor' }] },
            ],
          },
        },
      },
    });
    expect(authzen).toEqual({
      evaluations: [
        { decision: true },
        {
          decision: false,
          context: { reason_user: { 403: 'You see this repository, but none of your roles or grants there includes "read_code:repository".' } },
        },
      ],
    });
  });
});
