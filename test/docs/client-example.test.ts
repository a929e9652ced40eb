// The typed client example (examples/client/): its generated types are what graphql-codegen writes
// from schema.graphql today (so the schema and the example cannot drift; `npm run typecheck`
// compiles the example against them), codegen refuses an operation with a typo, and the example
// runs against a real server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../../examples/client/codegen.js';
import { repositoryRows } from '../../examples/client/src/app.js';
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
