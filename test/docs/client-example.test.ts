// The typed client example (examples/client/): its generated types are what graphql-codegen writes
// from schema.graphql today (so the schema and the example cannot drift; `npm run typecheck`
// compiles the example against them), codegen refuses an operation with a typo, and the example
// runs against a real server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../../examples/client/codegen.js';
import { repositoryRows } from '../../examples/client/src/app.js';
import { request } from '../../examples/client/src/client.js';
import { RepositoriesOf, SignIn } from '../../examples/client/src/operations.js';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { projectRoot } from '../../src/project-root.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const quietly = { ...codegenConfig, cwd: projectRoot, silent: true, errorsOnly: true };

describe('the generated types of examples/client', () => {
  it('are what graphql-codegen writes from schema.graphql (npx graphql-codegen --config examples/client/codegen.ts)', async () => {
    const outputs = await generate(quietly, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(readFileSync(join(projectRoot, output.filename), 'utf8'), output.filename).toBe(output.content);
  }, 60_000);

  it('cannot be generated for an operation with a typo in a permission', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rolegate-codegen-'));
    try {
      const typo = join(folder, 'typo.ts');
      writeFileSync(typo, "export const q = /* GraphQL */ `query Typo { repository(owner: \"o\", name: \"n\") { viewerCan(action: dlete) } }`;\n");
      const documents = [...(codegenConfig.documents as string[]), typo];
      await expect(generate({ ...quietly, documents }, false)).rejects.toThrow();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the example against a server', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it.each([
    {
      login: 'ringo',
      rows: [
        { name: 'abbey-road', canReadCode: true, showDeleteButton: true },
        { name: 'infra', canReadCode: true, showDeleteButton: false },
      ],
    },
    {
      login: 'george',
      rows: [
        { name: 'abbey-road', canReadCode: true, showDeleteButton: false },
        { name: 'infra', canReadCode: false, showDeleteButton: false },
      ],
    },
  ])('signs in as $login, lists beatles with permissions, decides the delete button', async ({ login, rows }) => {
    expect(await repositoryRows(api.server.url, demoEmail(login), demoPassword, 'beatles')).toEqual(rows);
  });
});

describe('the example client under a server that cannot answer yet', () => {
  /** A server answering `statuses` in turn (a GraphQL body each time), recording each request's Idempotency-Key. */
  async function answering(statuses: readonly number[]): Promise<{ url: string; keys: (string | undefined)[]; close(): void }> {
    const keys: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      keys.push(request.headers['idempotency-key'] as string | undefined);
      const status = statuses[Math.min(keys.length - 1, statuses.length - 1)] ?? 200;
      response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
      response.end(JSON.stringify(status === 200 ? { data: { login: null } } : { errors: [{ message: 'later', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, keys, close: () => server.close() };
  }

  // operation, statuses in turn -> sends, the errors of the last answer
  it.each([
    ['a mutation', SignIn, [503, 409, 200], 3, []],
    ['a mutation the server never takes', SignIn, [503], 3, ['SERVICE_UNAVAILABLE']],
    ['a query', RepositoriesOf, [503, 200], 2, []],
    ['a query answered 409', RepositoriesOf, [409], 1, ['SERVICE_UNAVAILABLE']],
  ] as const)('%s answered %j: sent %i times', async (_name, document, statuses, sends, codes) => {
    const server = await answering(statuses);
    try {
      const variables = document === SignIn ? { email: 'a@b.test', password: 'p' } : { owner: 'beatles' };
      const answer = await request(server.url, document as never, variables as never);
      expect([server.keys.length, answer.errors.map((error) => error.extensions?.code)]).toEqual([sends, codes]);
      // A mutation sends one key, the same every time; a query none.
      const key = server.keys[0];
      if (document === SignIn) expect(key).toMatch(/^[0-9a-f-]{36}$/);
      expect(server.keys).toEqual(server.keys.map(() => (document === SignIn ? key : undefined)));
    } finally {
      server.close();
    }
  });
});
