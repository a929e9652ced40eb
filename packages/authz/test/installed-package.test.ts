import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedProject, type InstalledProject, type RunningExample } from './helpers/installed-project.js';

/**
 * The package as a user gets it: packed by `npm run pack`, installed from the tarball into an empty
 * project (with its peers and both servers, from the npm registry), the examples compiled there against
 * the installed declarations, each example served by plain `node` and asked over HTTP, and the
 * query-expectations example run by `node` (runQueryExpectation, the policy tests' generic part).
 */
let project: InstalledProject;

beforeAll(async () => {
  project = await installedProject();
}, 180_000);

afterAll(() => project?.remove());

describe('the packed package', () => {
  it('holds only the built files, README and CHANGELOG', () => {
    const unexpected = project.packageFiles.filter(
      (file) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/[\w-]+\.(js|d\.ts))$/.test(file),
    );
    expect(unexpected).toEqual([]);
    expect(project.packageFiles).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'README.md', 'CHANGELOG.md']));
  });

  it('exports its JavaScript and declarations, not sources, for Node 20 and up', () => {
    expect(project.manifest).toMatchObject({
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
      engines: { node: '>=20' },
      peerDependencies: { graphql: expect.any(String), dataloader: expect.any(String), '@graphql-tools/utils': expect.any(String) },
    });
    expect(project.manifest).not.toHaveProperty('private');
  });
});

const requests = [
  {
    outcome: 'allowed',
    viewer: 'bob',
    query: '{ folder(id: "f1") { name documents { title } } }',
    data: { folder: { name: 'Plans', documents: [{ title: 'Roadmap' }, { title: 'Budget' }] } },
    codes: [],
  },
  {
    outcome: 'FORBIDDEN',
    viewer: 'bob',
    query: 'mutation { renameDocument(id: "d1", title: "Mine") { title } }',
    data: { renameDocument: null },
    codes: ['FORBIDDEN'],
  },
  { outcome: 'NOT_FOUND', viewer: 'carol', query: '{ folder(id: "f1") { name } }', data: { folder: null }, codes: ['NOT_FOUND'] },
];

describe('runQueryExpectation, installed', () => {
  it("runs the documents example's policy tests as data from the installed package (examples/query-expectations)", async () => {
    const result = await project.runQueryExpectations();
    expect(result).toEqual({ exitCode: 0, stdout: '3 expectations, 0 differences\n', stderr: '' });
  }, 30_000);
});

describe.each(['apollo', 'yoga'] as const)('the %s example, installed and run by node', (example) => {
  let server: RunningExample;
  beforeAll(() => {
    server = project.servers[example];
  });

  it.each(requests)('$outcome for $viewer', async ({ viewer, query, data, codes }) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': viewer },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect({ data: body.data, codes: (body.errors ?? []).map((error) => error.extensions?.code) }).toEqual({ data, codes });
  });

  it('refuses to start with an unguarded root field, naming it (the installed coverage check)', async () => {
    const refusal = await project.runUnguarded(example);
    expect(refusal.exitCode).not.toBe(0);
    expect(refusal.stderr).toContain('Root field Query.allDocuments has no @auth, @authenticated or @public directive.');
    expect(refusal.stderr).toContain('node_modules/@rolegate/authz/dist/assert-auth-coverage.js');
  }, 30_000);
});
