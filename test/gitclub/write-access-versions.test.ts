// A write remembers the access it read (src/gitclub/access/repository-write-access.ts) and the next
// write of the same viewer to the same repository only proves, in its own statement, that the
// organization's `access_version` is unchanged. These tests hold that promise from both ends: every
// kind of change to what people may do raises the version of exactly the organizations it touches
// (by trigger, so an operator's SQL counts as much as a mutation), and a write after such a change
// decides on the access as it now is, never on what was remembered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPolicy } from '../../src/gitclub/policy/sync-policy.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => api.server.db.em.fork().execute<T[]>(text, params);

const builtInRole = async (name: string) =>
  (await sql<{ id: string }>(`select id from roles where built_in and name = ?`, [name]))[0]?.id ?? '';
const permissionId = async (name: string) => (await sql<{ id: string }>(`select id from permissions where name = ?`, [name]))[0]?.id ?? '';

/** Changes a user's role on a resource, as an operator would in SQL. */
const setRole = async (userId: string | undefined, resourceId: string | undefined, role: string) =>
  sql(`update role_assignments set role_id = ? where user_id = ? and resource_id = ?`, [await builtInRole(role), userId, resourceId]);
/** Gives a user a built-in role on a resource, in SQL. */
const assign = async (
  userId: string | undefined,
  role: string,
  resourceType: 'organization' | 'repository',
  resourceId: string | undefined,
) =>
  sql(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())`,
    [userId, await builtInRole(role), resourceType, resourceId],
  );
/** Removes a user's role on a resource, in SQL. */
const unassign = (userId: string | undefined, resourceId: string | undefined) =>
  sql(`delete from role_assignments where user_id = ? and resource_id = ?`, [userId, resourceId]);

/** Sets an organization's default repository role (null: none), in SQL. */
const setDefaultRole = async (login: string, role: string | null) =>
  sql(`update organizations set default_repository_role_id = ? where login = ?`, [role === null ? null : await builtInRole(role), login]);

async function versions(): Promise<{ beatles: number; monsters: number }> {
  const rows = await sql<{ login: string; access_version: string }>(
    `select login, access_version from organizations where login in ('beatles', 'monsters')`,
  );
  const of = (login: string) => Number(rows.find((row) => row.login === login)?.access_version);
  return { beatles: of('beatles'), monsters: of('monsters') };
}

/** A change made as an operator would, in SQL, and the SQL that puts things back. */
interface Change {
  readonly name: string;
  readonly apply: () => Promise<unknown>;
  readonly undo: () => Promise<unknown>;
}

/** Which organizations' versions each change raises. */
const raises: (Change & { readonly beatles: boolean; readonly monsters: boolean })[] = [
  {
    name: 'a repository role given in beatles',
    beatles: true,
    monsters: false,
    apply: () => assign(api.ids.mike, 'contributor', 'repository', api.ids['abbey-road']),
    undo: () => unassign(api.ids.mike, api.ids['abbey-road']),
  },
  {
    name: "a membership's role changed in monsters",
    beatles: false,
    monsters: true,
    apply: () => setRole(api.ids.mike, api.ids.monsters, 'billing'),
    undo: () => setRole(api.ids.mike, api.ids.monsters, 'admin'),
  },
  {
    name: "monsters' default repository role changed",
    beatles: false,
    monsters: true,
    apply: () => setDefaultRole('monsters', null),
    undo: () => setDefaultRole('monsters', 'contributor'),
  },
  {
    name: "a custom role of beatles' permissions changed",
    beatles: true,
    monsters: false,
    apply: async () =>
      sql(`insert into role_permissions (role_id, permission_id) values (?, ?)`, [
        api.ids['role:ci-cd'],
        await permissionId('create_issue:repository'),
      ]),
    undo: async () =>
      sql(`delete from role_permissions where role_id = ? and permission_id = ?`, [
        api.ids['role:ci-cd'],
        await permissionId('create_issue:repository'),
      ]),
  },
  {
    name: "a custom role of beatles' name changed",
    beatles: true,
    monsters: false,
    apply: () => sql(`update roles set name = 'ci-cd-renamed' where id = ?`, [api.ids['role:ci-cd']]),
    undo: () => sql(`update roles set name = 'ci-cd' where id = ?`, [api.ids['role:ci-cd']]),
  },
  {
    // Its permissions come from the policy in the code, not from these rows (the start-up sync rewrites them).
    name: "a built-in role's permission rows changed (none)",
    beatles: false,
    monsters: false,
    apply: async () =>
      sql(`delete from role_permissions where role_id = ? and permission_id = ?`, [
        await builtInRole('contributor'),
        await permissionId('create_issue:repository'),
      ]),
    undo: async () =>
      sql(`insert into role_permissions (role_id, permission_id) values (?, ?)`, [
        await builtInRole('contributor'),
        await permissionId('create_issue:repository'),
      ]),
  },
  {
    name: 'a permission renamed',
    beatles: true,
    monsters: true,
    apply: () => sql(`update permissions set name = 'create_issue:repository-renamed' where name = 'create_issue:repository'`),
    undo: () => sql(`update permissions set name = 'create_issue:repository' where name = 'create_issue:repository-renamed'`),
  },
  {
    name: "a permission's description changed (not access)",
    beatles: false,
    monsters: false,
    apply: () => sql(`update permissions set description = description || '.' where name = 'create_issue:repository'`),
    undo: () => sql(`update permissions set description = rtrim(description, '.') || '.' where name = 'create_issue:repository'`),
  },
  {
    name: "a custom role's description changed (not access)",
    beatles: false,
    monsters: false,
    apply: () => sql(`update roles set description = description || '!' where id = ?`, [api.ids['role:ci-cd']]),
    undo: () => sql(`update roles set description = rtrim(description, '!') where id = ?`, [api.ids['role:ci-cd']]),
  },
  {
    name: 'the start-up policy sync (nothing changed)',
    beatles: false,
    monsters: false,
    apply: () => syncPolicy(api.server.db.em.fork()),
    undo: async () => {},
  },
  {
    name: 'an issue opened (content, not access)',
    beatles: false,
    monsters: false,
    apply: () =>
      sql(
        `insert into issues (id, repository_id, number, title, state, author_id, created_at) values (gen_random_uuid(), ?, 9999, 'x', 'OPEN', ?, now())`,
        [api.ids['abbey-road'], api.ids.john],
      ),
    undo: () => sql(`delete from issues where number = 9999`),
  },
  {
    name: "a repository's description changed (content, not access)",
    beatles: false,
    monsters: false,
    apply: () => sql(`update repositories set description = 'changed' where id = ?`, [api.ids['abbey-road']]),
    undo: () => sql(`update repositories set description = null where id = ?`, [api.ids['abbey-road']]),
  },
];

describe('access_version', () => {
  it.each(raises)('$name: beatles raised $beatles, monsters raised $monsters', async ({ apply, undo, beatles, monsters }) => {
    const before = await versions();
    await apply();
    const after = await versions();
    await undo();
    expect({ beatles: after.beatles > before.beatles, monsters: after.monsters > before.monsters }).toEqual({ beatles, monsters });
  });

  it('a deleted user takes their roles with them, and raises the organizations they had roles in', async () => {
    const [user] = await sql<{ id: string }>(
      `insert into users (id, login, name, email, password_hash, created_at) values (gen_random_uuid(), 'leaver', 'Leaver', 'leaver@example.com', 'x', now()) returning id`,
    );
    await assign(user?.id, 'member', 'organization', api.ids.monsters);
    const before = await versions();
    await sql(`delete from users where id = ?`, [user?.id]);
    const after = await versions();
    expect({ beatles: after.beatles > before.beatles, monsters: after.monsters > before.monsters }).toEqual({
      beatles: false,
      monsters: true,
    });
  });
});

const createIssue = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`;

type Outcome = 'created' | 'FORBIDDEN' | 'NOT_FOUND';

async function open(persona: Persona, repository: string): Promise<{ outcome: Outcome; statements: string[] }> {
  api.queries.reset();
  const response = await api.gql(persona, createIssue, { input: { repositoryId: api.ids[repository], title: `by ${persona}` } });
  const statements = [...api.queries.statements];
  const code = response.errors?.[0]?.extensions?.code;
  return { outcome: code === undefined ? 'created' : (code as Outcome), statements };
}

const readsRoleFacts = (statement: string) => statement.includes('role_assignments');
const provesUnchanged = (statement: string) => statement.includes('access_version');

/** A write remembered by the persona, then a change in SQL (no token made stale), then the same write again. */
const afterChanges: (Change & { readonly persona: Persona; readonly repository: string; readonly outcome: Outcome })[] = [
  {
    name: "beatles' default repository role removed",
    persona: 'paul',
    repository: 'abbey-road',
    outcome: 'NOT_FOUND',
    apply: () => setDefaultRole('beatles', null),
    undo: () => setDefaultRole('beatles', 'contributor'),
  },
  {
    name: 'membership turned to billing',
    persona: 'paul',
    repository: 'abbey-road',
    outcome: 'NOT_FOUND',
    apply: () => setRole(api.ids.paul, api.ids.beatles, 'billing'),
    undo: () => setRole(api.ids.paul, api.ids.beatles, 'member'),
  },
  {
    name: "admin's membership removed",
    persona: 'john',
    repository: 'infra',
    outcome: 'NOT_FOUND',
    apply: () => unassign(api.ids.john, api.ids.beatles),
    undo: () => assign(api.ids.john, 'admin', 'organization', api.ids.beatles),
  },
  {
    name: "outside collaborator's repository role removed",
    persona: 'randall',
    repository: 'abbey-road',
    outcome: 'NOT_FOUND',
    apply: () => unassign(api.ids.randall, api.ids['abbey-road']),
    undo: () => assign(api.ids.randall, 'contributor', 'repository', api.ids['abbey-road']),
  },
  {
    name: 'the repository moved to an organization the viewer is not in',
    persona: 'paul',
    repository: 'abbey-road',
    outcome: 'NOT_FOUND',
    apply: () => sql(`update repositories set organization_id = ? where id = ?`, [api.ids.monsters, api.ids['abbey-road']]),
    undo: () => sql(`update repositories set organization_id = ? where id = ?`, [api.ids.beatles, api.ids['abbey-road']]),
  },
  {
    name: 'a change in another organization only',
    persona: 'paul',
    repository: 'abbey-road',
    outcome: 'created',
    apply: () => setDefaultRole('monsters', null),
    undo: () => setDefaultRole('monsters', 'contributor'),
  },
];

describe('a write after a change to access decides on the access as it now is', () => {
  it.each(afterChanges)('$persona on $repository after $name: $outcome', async ({ persona, repository, outcome, apply, undo }) => {
    // Twice: the first reads the role facts and is remembered, the second proves the version unchanged and reads none.
    expect((await open(persona, repository)).outcome).toBe('created');
    const remembered = await open(persona, repository);
    expect(remembered.outcome).toBe('created');
    expect(remembered.statements.map((statement) => [provesUnchanged(statement), readsRoleFacts(statement)])).toEqual([[true, false]]);
    await apply();
    try {
      const after = await open(persona, repository);
      expect(after.outcome).toBe(outcome);
      // An unrelated change keeps the remembered access; any other makes the write read the facts again.
      expect(after.statements.some(readsRoleFacts)).toBe(outcome !== 'created');
      if (outcome !== 'created') {
        // Refused on the access as it now is, the remembered access is dropped: the next try does not send the remembered form first.
        const again = await open(persona, repository);
        expect(again.outcome).toBe(outcome);
        expect(again.statements.some((statement) => provesUnchanged(statement) && !readsRoleFacts(statement))).toBe(false);
      }
    } finally {
      await undo();
    }
    // Undone: the write is allowed again, read afresh.
    expect((await open(persona, repository)).outcome).toBe('created');
  });

  it('a denial is never remembered: a role given afterwards is honoured at once', async () => {
    const grant = async () =>
      sql(`insert into role_permissions (role_id, permission_id) values (?, ?)`, [
        api.ids['role:ci-cd'],
        await permissionId('create_issue:repository'),
      ]);
    const revoke = async () =>
      sql(`delete from role_permissions where role_id = ? and permission_id = ?`, [
        api.ids['role:ci-cd'],
        await permissionId('create_issue:repository'),
      ]);
    expect((await open('george', 'infra')).outcome).toBe('FORBIDDEN');
    await grant();
    try {
      expect((await open('george', 'infra')).outcome).toBe('created');
      expect((await open('george', 'infra')).statements.some(readsRoleFacts)).toBe(false);
    } finally {
      await revoke();
    }
    expect((await open('george', 'infra')).outcome).toBe('FORBIDDEN');
  });
});
