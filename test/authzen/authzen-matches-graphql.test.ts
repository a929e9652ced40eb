// The AuthZEN decision point against the GraphQL answers, over random worlds (test/helpers/random-world.ts),
// both over HTTP, the same moment of the same world: an evaluation is what explainAccess says (allowed, or
// refused as FORBIDDEN / NOT_FOUND with that status in the denial's reason); a subject search lists exactly
// whom peopleWithAccess lists (suspended users left out: they may do nothing); a resource search lists
// exactly what the user's viewer.access holds with that permission, and what their own lists show where
// viewerCan says yes, but for what no list reaches (an organization held by a grant without membership, an
// issue of a repository the user cannot read); an action search lists exactly the permissions viewer.access
// holds there, and the resource's viewerPermissions wherever a lookup by name reaches it. explainAccess and
// peopleWithAccess are asked by an admin of the world, the rest by each user with their own token.
import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '../../src/db/database.js';
import type { HeldResourceType } from '../../src/gitclub/access-holders/held-resource-types.js';
import { buildWorld, permissionsOf, propertyWorldSeeds, type World } from '../helpers/random-world.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { pdpClientOf, postAuthzen } from './authzen-client.js';

let api: TestServer;
let em: EntityManager;
let client: string;
beforeAll(async () => {
  // A request for a whole world's holders, or for all a person's lists: query limits the answers do not depend on, raised.
  api = await startTestServer({}, { QUERY_MAX_ALIASES: '2000', QUERY_MAX_COST: '10000000' });
  em = api.server.db.em.fork();
  client = await pdpClientOf(api, 'graphql-property');
});
afterAll(async () => {
  await api?.stop();
});

type Json = Record<string, unknown>;
const actionOf = (permission: string) => permission.slice(0, permission.indexOf(':'));
const holderTypes: readonly HeldResourceType[] = ['organization', 'repository', 'issue'];

/** A GraphQL request with a bearer token that must answer without errors. */
async function graphql(token: string, query: string): Promise<Json> {
  const answer = await api.send(`Bearer ${token}`, { query });
  expect(answer.errors, query.slice(0, 200)).toBeUndefined();
  return answer.data ?? {};
}

/** The password every person of a world is given, hashed with scrypt's smallest cost (a sign-in per person, in milliseconds). */
const password = 'rolegate-test';
const salt = randomBytes(16);
const cheapHash = `scrypt$16$1$1$${salt.toString('base64')}$${scryptSync(password, salt, 32, { N: 16, r: 1, p: 1 }).toString('base64')}`;

/** Signs in with that password, returning the access token. */
async function tokenOf(login: string): Promise<string> {
  const answer = await api.send(undefined, {
    query: 'mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password}) { accessToken } }',
    variables: { email: `${login}@example.com`, password },
  });
  const token = (answer.data?.login as { accessToken: string } | undefined)?.accessToken;
  if (!token) throw new Error(`${login} could not sign in: ${JSON.stringify(answer.errors)}`);
  return token;
}

/** Every page of a search (paging itself is held by authzen-endpoints and authzen-matches-decisions). */
async function searched(path: string, body: Json): Promise<Json[]> {
  const results: Json[] = [];
  for (let token: string | undefined; ;) {
    const answer = await postAuthzen(api, path, client, { ...body, ...(token ? { page: { token } } : {}) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    results.push(...(answer.body.results as Json[]));
    token = (answer.body.page as { next_token: string }).next_token;
    if (token === '') return results;
  }
}

/** The world's people with their logins, and an admin of its organization who asks explainAccess and peopleWithAccess. */
async function peopleOf(world: World) {
  await em.execute('update users set password_hash = ? where id = any(?::uuid[])', [cheapHash, `{${world.users.join(',')}}`]);
  const observerLogin = `w${world.seed}-observer`;
  const [observer] = await em.execute<{ id: string }[]>(
    `insert into users (id, login, name, email, password_hash, created_at) values (gen_random_uuid(), ?, 'Observer', ?, ?, now()) returning id`,
    [observerLogin, `${observerLogin}@example.com`, cheapHash],
  );
  await em.execute(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), ?, id, 'organization', ?, now() from roles where name = 'admin' and built_in`,
    [observer?.id, world.organizationId],
  );
  const people = await em.execute<{ id: string; login: string; suspended: boolean; staff: boolean }[]>(
    `select u.id, u.login, u.suspended_at is not null as suspended,
       exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.resource_type = 'platform') as staff
     from users u where u.id = any(?::uuid[]) order by u.login`,
    [`{${[...world.users, observer?.id].join(',')}}`],
  );
  return { people, observerToken: await tokenOf(observerLogin) };
}

/** How the world's resources are named in GraphQL: the organization's login, each repository's name, each issue's repository and number. */
async function namesOf(world: World) {
  const [organization] = await em.execute<{ login: string }[]>('select login from organizations where id = ?', [world.organizationId]);
  const repositories = await em.execute<{ id: string; name: string }[]>(
    'select id, name from repositories where organization_id = ? order by name',
    [world.organizationId],
  );
  return { login: organization?.login ?? '', repositories };
}

/** Aliases of one field per permission of a type: `p_read_code: <field(action)>`. */
const perAction = (type: HeldResourceType, field: (action: string) => string) =>
  permissionsOf(type)
    .map((permission) => `p_${actionOf(permission)}: ${field(actionOf(permission))}`)
    .join(' ');

/** What a person's own GraphQL shows them: their lists (viewerCan), what they hold (viewer.access), and viewerPermissions by name. */
interface Shown {
  /** Per permission, the ids their lists show with viewerCan true. */
  readonly lists: ReadonlyMap<string, ReadonlySet<string>>;
  readonly memberOf: ReadonlySet<string>;
  readonly readableRepositories: ReadonlySet<string>;
  /** viewer.access: per resource id, the permissions held there. */
  readonly access: ReadonlyMap<string, readonly string[]>;
  /** viewerPermissions of the world's organization, repositories and their issues, where a lookup by name reaches them. */
  readonly viewerPermissions: ReadonlyMap<string, readonly string[]>;
}

const nothingShown: Shown = {
  lists: new Map(),
  memberOf: new Set(),
  readableRepositories: new Set(),
  access: new Map(),
  viewerPermissions: new Map(),
};

/** The ids of a map's entries that `pick` keeps, sorted. */
const ids = (map: ReadonlyMap<string, readonly string[]>, pick: (value: readonly string[], id: string) => string | false) =>
  [...map].flatMap(([id, value]) => pick(value, id) || []).sort();

type Node = Json & { id: string };

/** Asks GraphQL as the person: one request for their lists and holdings, one for viewerPermissions of the world's resources by name. */
async function shownTo(token: string, login: string, repositories: readonly { name: string }[]): Promise<Shown> {
  const can = (type: HeldResourceType) => perAction(type, (action) => `viewerCan(action: ${action})`);
  const { viewer } = (await graphql(
    token,
    `{ viewer { organizations { organization { id ${can('organization')} } }
         repositories(first: 100) { nodes { id ${can('repository')} issues(first: 10) { nodes { id ${can('issue')} } } } }
         access(first: 100) { nodes { resourceId permissions { permission } } pageInfo { hasNextPage } } } }`,
  )) as {
    viewer: {
      organizations: { organization: Node | null }[];
      repositories: { nodes: (Node & { issues: { nodes: (Node | null)[] } })[] };
      access: { nodes: { resourceId: string; permissions: { permission: string }[] }[]; pageInfo: { hasNextPage: boolean } };
    };
  };
  expect(viewer.access.pageInfo.hasNextPage).toBe(false);
  const lists = new Map<string, Set<string>>();
  const note = (type: HeldResourceType, node: Node | null) => {
    for (const permission of permissionsOf(type)) {
      if (node?.[`p_${actionOf(permission)}`] === true) lists.set(permission, (lists.get(permission) ?? new Set()).add(node.id));
    }
  };
  const organizations = viewer.organizations.flatMap(({ organization }) => (organization ? [organization] : []));
  organizations.forEach((organization) => note('organization', organization));
  for (const repository of viewer.repositories.nodes) {
    note('repository', repository);
    for (const issue of repository.issues.nodes) note('issue', issue);
  }
  // NOT_FOUND (no data) for a resource they may not see; an issue is reached through its repository only.
  const looked = await api.send(`Bearer ${token}`, {
    query: `{ organization(login: "${login}") { id viewerPermissions }
      ${repositories
        .map(
          (repository, index) => `r${index}: repository(owner: "${login}", name: "${repository.name}") { id viewerPermissions
            issues(first: 10) { nodes { id viewerPermissions } } }`,
        )
        .join('\n')} }`,
  });
  expect((looked.errors ?? []).filter((error) => error.extensions?.code !== 'NOT_FOUND')).toEqual([]);
  type Held = { id: string; viewerPermissions: string[] } | null | undefined;
  const viewerPermissions = new Map<string, string[]>();
  const hold = (node: Held) => node && viewerPermissions.set(node.id, node.viewerPermissions);
  hold(looked.data?.organization as Held);
  for (const index of repositories.keys()) {
    const repository = looked.data?.[`r${index}`] as (Held & { issues: { nodes: Held[] } }) | null;
    hold(repository);
    for (const issue of repository?.issues.nodes ?? []) hold(issue);
  }
  return {
    lists,
    memberOf: new Set(organizations.map((organization) => organization.id)),
    readableRepositories: new Set(viewer.repositories.nodes.map((repository) => repository.id)),
    access: new Map(viewer.access.nodes.map((node) => [node.resourceId, node.permissions.map(({ permission }) => permission)])),
    viewerPermissions,
  };
}

describe('the AuthZEN decision point answers as GraphQL does', () => {
  it.each(propertyWorldSeeds())('world %i: explainAccess, peopleWithAccess, the lists and viewerPermissions', async (seed) => {
    const world = await buildWorld(em, seed);
    const { people, observerToken } = await peopleOf(world);
    const { login, repositories } = await namesOf(world);
    const checks = world.resources.flatMap((resource) => permissionsOf(resource.type).map((permission) => ({ ...resource, permission })));

    // Evaluations against explainAccess, asked by the world's admin: the decision and the status of its reason. Each person
    // is asked half the checks (a request of at most 20 root fields), the other half from the next person. A suspended user
    // is refused everything (explainAccess explains the roles they keep).
    for (const [position, person] of people.entries()) {
      const asked = checks.filter((_, index) => index % 2 === position % 2);
      const explained = person.suspended
        ? {}
        : await graphql(
            observerToken,
            `{ ${asked
              .map(
                (check, index) =>
                  `e${index}: explainAccess(userId: "${person.id}", permission: "${check.permission}", resourceId: "${check.id}") { outcome }`,
              )
              .join('\n')} }`,
          );
      const answer = await postAuthzen(api, '/access/v1/evaluations', client, {
        subject: { type: 'user', id: person.id },
        evaluations: asked.map((check) => ({ action: { name: actionOf(check.permission) }, resource: { type: check.type, id: check.id } })),
      });
      const decisions = answer.body.evaluations as { decision: boolean; context?: { reason_admin?: Json } }[];
      const expected = asked.map((_, index) => {
        if (person.suspended) return { decision: false, status: '403' };
        const { outcome } = explained[`e${index}`] as { outcome: string };
        return outcome === 'ALLOW' ? { decision: true } : { decision: false, status: outcome === 'FORBIDDEN' ? '403' : '404' };
      });
      const actual = decisions.map((decision) =>
        decision.decision ? { decision: true } : { decision: false, status: Object.keys(decision.context?.reason_admin ?? {})[0] },
      );
      expect(actual, `seed ${seed}: ${person.login}'s evaluations`).toEqual(expected);
    }

    // Subject search against peopleWithAccess (every holder by login; suspended users hold roles but may do nothing).
    const suspended = new Set(
      (await em.execute<{ id: string }[]>('select id from users where suspended_at is not null')).map((row) => row.id),
    );
    const holders = (field: (action: string) => string, type: HeldResourceType) =>
      perAction(type, (action) => `${field(action)} { nodes { user { id } } pageInfo { hasNextPage } }`);
    const listed = await graphql(
      observerToken,
      `{ organization(login: "${login}") { ${holders((action) => `peopleWithAccess(permission: ${action}, first: 100)`, 'organization')} }
       ${repositories
         .map(
           (repository, index) => `r${index}: repository(owner: "${login}", name: "${repository.name}") { id
             ${holders((action) => `peopleWithAccess(permission: ${action}, first: 100)`, 'repository')}
             issues(first: 10) { nodes { id ${holders((action) => `peopleWithAccess(permission: ${action}, first: 100)`, 'issue')} } } }`,
         )
         .join('\n')} }`,
    );
    const byResource = new Map<string, Json>([[world.organizationId, listed.organization as Json]]);
    for (const index of repositories.keys()) {
      const repository = listed[`r${index}`] as Json & { id: string; issues: { nodes: (Json & { id: string })[] } };
      byResource.set(repository.id, repository);
      for (const issue of repository.issues.nodes) byResource.set(issue.id, issue);
    }
    for (const check of checks) {
      const connection = byResource.get(check.id)?.[`p_${actionOf(check.permission)}`] as {
        nodes: { user: { id: string } }[];
        pageInfo: { hasNextPage: boolean };
      };
      expect(connection.pageInfo.hasNextPage).toBe(false);
      const expected = connection.nodes.filter((node) => !suspended.has(node.user.id)).map((node) => ({ type: 'user', id: node.user.id }));
      const results = await searched('/access/v1/search/subject', {
        subject: { type: 'user' },
        action: { name: actionOf(check.permission) },
        resource: { type: check.type, id: check.id },
      });
      expect(results, `seed ${seed}: who may ${check.permission} on ${check.type} ${check.id}`).toEqual(expected);
    }

    // Resource and action searches against what each person's own GraphQL shows them (nothing to a suspended user, whose
    // requests are refused): each person searches a third of the permissions of each type, a different third from the next.
    // Platform staff are left out: their reach into every tenant is decided, not listed.
    const repositoryOf = new Map(
      (
        await em.execute<{ id: string; repository_id: string }[]>(
          'select id, repository_id from issues where repository_id = any(?::uuid[])',
          [`{${repositories.map((repository) => repository.id).join(',')}}`],
        )
      ).map((row) => [row.id, row.repository_id]),
    );
    for (const [position, person] of people.filter((candidate) => !candidate.staff).entries()) {
      const shown = person.suspended ? nothingShown : await shownTo(await tokenOf(person.login), login, repositories);
      for (const type of holderTypes) {
        for (const permission of permissionsOf(type).filter((_, index) => index % 3 === position % 3)) {
          const where = `seed ${seed}: where ${person.login} may ${permission}`;
          const results = await searched('/access/v1/search/resource', {
            subject: { type: 'user', id: person.id },
            action: { name: actionOf(permission) },
            resource: { type },
          });
          const found = results.map((result) => result.id as string).sort();
          // viewer.access: exactly. The lists (viewerCan on viewer.organizations, viewer.repositories and their issues): the
          // same, but for what no list reaches: an organization one holds a grant on without being a member, an issue of a
          // repository one cannot read (held as its author or through a grant on it).
          expect(found, `${where}, against viewer.access`).toEqual(ids(shown.access, (actions, id) => actions.includes(permission) && id));
          const listed = shown.lists.get(permission) ?? new Set<string>();
          const beyondLists = found.filter((id) => !listed.has(id));
          expect(
            [...listed].filter((id) => !found.includes(id)),
            `${where}: listed, not found`,
          ).toEqual([]);
          const unreachable = (id: string) =>
            type === 'organization'
              ? !shown.memberOf.has(id)
              : type === 'issue' && !shown.readableRepositories.has(repositoryOf.get(id) ?? '');
          expect(
            beyondLists.filter((id) => !unreachable(id)),
            `${where}: found, and not listed where a list reaches`,
          ).toEqual([]);
        }
      }
      for (const resource of world.resources) {
        const where = `seed ${seed}: what ${person.login} may do on ${resource.type} ${resource.id}`;
        const results = await searched('/access/v1/search/action', { subject: { type: 'user', id: person.id }, resource });
        const actions = results.map((result) => result.name);
        const held = (shown.access.get(resource.id) ?? []).map(actionOf).sort();
        expect(actions, `${where}, against viewer.access`).toEqual(held);
        const viewerPermissions = shown.viewerPermissions.get(resource.id);
        if (viewerPermissions) expect(actions, `${where}, against viewerPermissions`).toEqual(viewerPermissions.map(actionOf).sort());
      }
    }
  });
});
