// A repository list filtered by access in SQL reads each row's role facts with it and hands the
// authorizer the access they give: protected fields of listed repositories cost no statement of
// their own, and answer exactly what the repository, asked alone, answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

type Node = { name: string; viewerPermissions: string[]; readme: string | null };
const list = '{ organization(login: "beatles") { repositories { nodes { name viewerPermissions readme } } } }';
const alone = (name: string) => `{ repository(owner: "beatles", name: "${name}") { name viewerPermissions readme } }`;

const personas: { persona: Persona; role: string }[] = [
  { persona: 'john', role: 'admin' },
  { persona: 'paul', role: 'member (default role)' },
  { persona: 'ringo', role: 'member, explicit maintainer of abbey-road' },
  { persona: 'george', role: 'member, custom role on infra' },
];

describe('the repository list primes its access', () => {
  // A list leaves readmes out (up to 100,000 characters each): asked for, they come in one statement for the whole list.
  it.each(
    personas.flatMap(({ persona, role }) => [
      { persona, role, query: list, statements: 3, what: 'the organization, the list and its readmes' },
      { persona, role, query: list.replace(' readme', ''), statements: 2, what: 'the organization and the list (no readme asked)' },
    ]),
  )('$persona ($role): $what, nothing per repository', async ({ persona, query, statements }) => {
    await api.gql(persona, '{ viewer { id } }');
    api.queries.reset();
    const response = await api.gql(persona, query);
    // Only refusals (george may not read infra's code), never another kind of error.
    expect((response.errors ?? []).map((error) => error.extensions?.code)).toEqual((response.errors ?? []).map(() => 'FORBIDDEN'));
    expect(api.queries.count).toBe(statements);
    // The list's own statement (the second) reads no readme, whatever the query asks.
    expect(api.queries.statements[1]).toMatch(/from repositories r/);
    expect(api.queries.statements[1]).not.toMatch(/readme/);
  });

  it.each(personas)('$persona ($role): each listed repository answers as it does alone', async ({ persona }) => {
    const listed = ((await api.gql(persona, list)).data?.organization as { repositories: { nodes: Node[] } }).repositories.nodes;
    expect(listed.length).toBeGreaterThan(0);
    for (const node of listed) expect((await api.gql(persona, alone(node.name))).data?.repository).toEqual(node);
  });
});
