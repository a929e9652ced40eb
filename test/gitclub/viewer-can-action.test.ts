// Typed permissions for clients: `viewerCan(action: read_code)` takes an enum generated from the
// permission table (one per resource type), answers as the string form does, and a typo fails
// validation before anything runs; the string form still works, deprecated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const parents = {
  organization: 'organization(login: "beatles")',
  repository: 'repository(owner: "beatles", name: "infra")',
} as const;

const cases: { persona: Persona; type: keyof typeof parents; action: string; expected: boolean }[] = [
  { persona: 'john', type: 'organization', action: 'manage_members', expected: true },
  { persona: 'paul', type: 'organization', action: 'manage_members', expected: false },
  { persona: 'bill', type: 'organization', action: 'read_billing', expected: true },
  { persona: 'paul', type: 'organization', action: 'read_billing', expected: false },
  { persona: 'john', type: 'repository', action: 'read_code', expected: true },
  { persona: 'george', type: 'repository', action: 'read_code', expected: false },
  { persona: 'george', type: 'repository', action: 'trigger_workflow', expected: true },
  { persona: 'paul', type: 'repository', action: 'delete', expected: false },
];

describe('viewerCan(action:)', () => {
  it.each(cases)('$persona, $action on the $type: $expected, as the string form answers', async ({ persona, type, action, expected }) => {
    const response = await api.gql(
      persona,
      `{ ${parents[type]} { typed: viewerCan(action: ${action}) named: viewerCan(permission: "${action}:${type}") } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data ?? {})[0]).toEqual({ typed: expected, named: expected });
  });

  it.each([
    ['a typo', `{ ${parents.repository} { viewerCan(action: read_cod) } }`],
    ["another type's action", `{ ${parents.repository} { viewerCan(action: read_billing) } }`],
    ['a string where the enum goes', `{ ${parents.repository} { viewerCan(action: "read_code") } }`],
  ])('%s fails validation, before anything runs', async (_name, query) => {
    await api.gql('john', '{ viewer { id } }');
    api.queries.reset();
    const response = await api.gql('john', query);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(api.queries.count).toBe(0);
  });

  it.each([
    ['neither', 'viewerCan'],
    ['both', 'viewerCan(action: read, permission: "read:repository")'],
  ])('%s of action and permission: BAD_USER_INPUT', async (_name, field) => {
    const response = await api.gql('john', `{ ${parents.repository} { ${field} } }`);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it.each(['Organization', 'Repository', 'Issue'])('%sPermission holds exactly the actions of the permission table', async (typeName) => {
    const response = await api.gql('john', `{ __type(name: "${typeName}Permission") { enumValues { name description } } }`);
    const values = (response.data?.__type as { enumValues: { name: string; description: string }[] }).enumValues;
    const table = permissionCatalog.permissions.filter((permission) => permission.resourceType === typeName.toLowerCase());
    expect(values).toEqual(table.map((permission) => ({ name: permission.name.split(':')[0], description: permission.description })));
  });

  it('marks the string form deprecated', async () => {
    const response = await api.gql(
      'john',
      '{ __type(name: "Repository") { fields { name args(includeDeprecated: true) { name isDeprecated } } } }',
    );
    const fields = (response.data?.__type as { fields: { name: string; args: { name: string; isDeprecated: boolean }[] }[] }).fields;
    expect(fields.find((field) => field.name === 'viewerCan')?.args).toEqual([
      { name: 'action', isDeprecated: false },
      { name: 'permission', isDeprecated: true },
    ]);
  });
});
