// README's AuthZEN section, run as written (bash, curl, jq) against a fresh server: each command prints
// the JSON of the comment that follows it (the server's port in place of 4000, infra's id in place of
// "…infra's id…").
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const tools = ['bash', 'curl', 'jq'].filter((tool) => spawnSync('which', [tool]).status !== 0);

/** The shell block of README's AuthZEN section. */
function sectionScript(): string {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## AuthZEN: decisions for other programs');
  const block = start === -1 ? undefined : /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1];
  if (!block) throw new Error('README has no shell block in its AuthZEN section.');
  return block;
}

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

describe.skipIf(tools.length > 0)(`README's AuthZEN section${tools.length > 0 ? ` (needs ${tools.join(', ')})` : ''}`, () => {
  it('prints what each comment says', async () => {
    const port = api.server.port;
    const script = sectionScript();
    const expected = script
      .split('\n')
      .filter((line) => line.startsWith('# {'))
      .map((line) =>
        JSON.parse(
          line
            .slice(2)
            .replaceAll('localhost:4000', `localhost:${port}`)
            .replaceAll("…infra's id…", api.ids.infra as string),
        ),
      );
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const { stdout } = await promisify(execFile)('bash', ['-c', script.replaceAll('localhost:4000', `localhost:${port}`)], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(expected);
  });
});
