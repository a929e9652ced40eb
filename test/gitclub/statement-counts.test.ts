import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlArray } from '../../src/db/sql-array.js';
import { demoPassword, demoUsers, type DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import { permissionCatalog, type ResourceType } from '../../src/gitclub/policy/policy.js';
import { resourceTypes } from '../../src/gitclub/resources.js';
import { buildSchema } from '../../src/gitclub/schema.js';
import { runsInAnotherStage } from '../helpers/stage-independent.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

/**
 * Lists batch across their parents: from every list field of the schema (a list of objects, or a
 * connection), a query selecting everything reachable to depth 3 costs the same SQL statements for
 * 10 parents as for 40 (one statement per field per batch, never one per item; a batch may split
 * in two when two lists resolve in different turns of the event loop, which is timing, not size).
 * The fields come from the schema: a new list field joins this test without editing it, and a
 * list field on a new parent type fails it until that type has a line in `reach`.
 *
 * Which statements a request sends, and the data batched parents get, are the server's doing, the
 * same on either database and Node version: CI runs the measuring parts once, in its PostgreSQL
 * stage (test/helpers/stage-independent.ts).
 */
const schema = buildSchema();
// 40, not more: a statement per item runs 40 times against 10 as plainly as 100 times against 10, and the depth-3
// selections below 100 parents cost the suite a minute. The bench (`npm run bench`) measures 5,000 members.
const sizes = [10, 40] as const;
const [smaller, larger] = sizes;
type Size = (typeof sizes)[number];

/** Below the list's items, fields are selected down to this depth (a connection is one level; the last level selects no fields below it). */
const depth = 3;

/** How to reach, for a size, one parent of each type holding list fields; `path` leads from `data` to the parent. */
interface Reach {
  readonly query: (size: Size, selection: string) => string;
  readonly path: readonly string[];
  /** The parent is a user who signs in: its fields also run as that user ("self"). */
  readonly signInAs?: (size: Size) => string;
}
const reach: Readonly<Record<string, Reach>> = {
  Organization: { query: (size, selection) => `organization(login: "stmt-${size}") { ${selection} }`, path: ['organization'] },
  Repository: { query: (size, selection) => `repository(owner: "stmt-${size}", name: "big") { ${selection} }`, path: ['repository'] },
  Issue: {
    query: (size, selection) => `repository(owner: "stmt-${size}", name: "big") { issues(first: 1) { nodes { ${selection} } } }`,
    path: ['repository', 'issues', 'nodes', '0'],
  },
  User: {
    query: (size, selection) => `user(login: "stmt-${size}-joiner") { ${selection} }`,
    path: ['user'],
    signInAs: (size) => `stmt-${size}-joiner`,
  },
  RoleReport: {
    query: (size, selection) => `organization(login: "stmt-${size}") { roleReport { ${selection} } }`,
    path: ['organization', 'roleReport'],
  },
  AccessReview: {
    query: (size, selection) => `organization(login: "stmt-${size}") { accessReviews(first: 1) { nodes { ${selection} } } }`,
    path: ['organization', 'accessReviews', 'nodes', '0'],
  },
};

/** List fields whose length cannot vary with a parent: nothing to batch. */
const exempt: Readonly<Record<string, string>> = {
  // The policy's catalog, the same for every request.
  'Query.permissionCatalog': 'root field: the permission table',
  // The built-in roles, one statement, the same for every request.
  'Query.builtInRoles': 'root field: the built-in roles',
  // Only under Query.explainAccess: one explanation per request, its steps from one decision.
  'AccessExplanation.path': 'one explanation per request',
  // A holder's paths come with its row, in the page's own statement (json_agg): nothing to load.
  'AccessHolder.via': "carried by the holder's row",
  'ResourceAccess.permissions': "carried by the resource's row",
  'HeldPermission.via': "carried by the resource's row",
  // Only under Mutation.offboardMember: one report per request, each list read once in its transaction.
  'OffboardingReport.before': 'one offboarding per request',
  'OffboardingReport.after': 'one offboarding per request',
  'UserOffboardingReport.organizations': 'one offboarding per request',
};

/** Lists that show only the viewer's own items (empty for anyone else): items are expected when the parent signs in. */
const ownLists = new Set(['User.organizations', 'User.repositories', 'User.accessRequests', 'User.access']);

/** Stands for john's id in a query until it is sent (queries are built before the server starts). */
const johnId = '"<john-id>"';

/** Values for required arguments other than `permission`, by schema coordinate (`Type.field.argument`). */
const requiredArguments: Readonly<Record<string, string>> = {
  // What john (admin of every organization of the fixture) holds: something in each.
  'Organization.accessOf.userId': johnId,
  // An id no review has: the field answers null, its statement still counted.
  'Organization.accessReview.id': '"00000000-0000-4000-8000-000000000000"',
};

const isConnection = (type: GraphQLNamedType): type is GraphQLObjectType => isObjectType(type) && 'nodes' in type.getFields();

interface ListField {
  readonly parent: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
  readonly coordinate: string;
}

/** Every field returning a list of objects or a connection, connections' own `nodes` and `edges` left out. */
function listFieldsOf(): ListField[] {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !isConnection(type))
    .flatMap((parent) =>
      Object.values(parent.getFields())
        .filter((field) => {
          const named = getNamedType(field.type);
          return (isListType(getNullableType(field.type)) && isCompositeType(named)) || isConnection(named);
        })
        .map((field) => ({ parent, field, coordinate: `${parent.name}.${field.name}` })),
    );
}
const listFields = listFieldsOf();
const reachable = listFields.filter((list) => reach[list.parent.name]);

/** The first catalog permission of the resource type whose GraphQL type is `typeName`. */
function permissionOn(typeName: string, coordinate: string): string {
  const type = (Object.keys(resourceTypes) as ResourceType[]).find((name) => resourceTypes[name].graphqlType === typeName);
  const permission = type && permissionCatalog.permissions.find((definition) => definition.resourceType === type)?.name;
  if (!permission)
    throw new Error(`${coordinate}: "permission" is required but ${typeName} is no resource type; add a value to requiredArguments.`);
  return permission;
}

/** The arguments of a field: required ones filled in (or an error naming the field), `first: 100` on the list under test. */
function argumentsOf(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, first?: number): string {
  const values: string[] = [];
  for (const argument of field.args) {
    const coordinate = `${parent.name}.${field.name}.${argument.name}`;
    if (argument.name === 'first' && first !== undefined) values.push(`first: ${first}`);
    // viewerCan takes one of two optional arguments: the typed one, its enum's first value.
    const named = getNamedType(argument.type);
    if (argument.name === 'action' && isEnumType(named)) values.push(`action: ${named.getValues()[0]?.name}`);
    if (!isNonNullType(argument.type) || argument.defaultValue !== undefined) continue;
    // A typed permission (an enum of the type's actions) takes its first action; a name, the type's first permission.
    const permission = isEnumType(named) ? named.getValues()[0]?.name : JSON.stringify(permissionOn(parent.name, coordinate));
    const value = requiredArguments[coordinate] ?? (argument.name === 'permission' ? permission : undefined);
    if (value === undefined) throw new Error(`${coordinate} is required: add a value to requiredArguments in this test.`);
    values.push(`${argument.name}: ${value}`);
  }
  return values.length > 0 ? `(${values.join(', ')})` : '';
}

/** The selection on one object of `type` whose fields are at `level`. */
function selectionOf(type: GraphQLNamedType, level: number): string {
  if (isAbstractType(type)) {
    return [
      '__typename',
      ...schema.getPossibleTypes(type).map((possible) => `... on ${possible.name} { ${selectionOf(possible, level)} }`),
    ].join(' ');
  }
  if (!isObjectType(type)) return '';
  return Object.values(type.getFields())
    .map((field) => fieldSelection(type, field, level))
    .join(' ');
}

/**
 * One field at `level` (the list under test is at 0): leaves as they are, objects and connections
 * down to `depth`; at `depth`, an object selects only `__typename` and a connection its count and
 * page info, so that their resolvers still run.
 */
function fieldSelection(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, level: number, first?: number): string {
  const named = getNamedType(field.type);
  const call = `${field.name}${argumentsOf(parent, field, first)}`;
  if (isLeafType(named)) return call;
  if (isConnection(named)) {
    const parts = Object.values(named.getFields()).flatMap((part) => {
      const partType = getNamedType(part.type);
      if (part.name === 'edges') return [];
      if (part.name === 'nodes') return level < depth ? [`nodes { ${selectionOf(partType, level + 1)} }`] : [];
      return isLeafType(partType) ? [part.name] : [`${part.name} { ${selectionOf(partType, depth)} }`];
    });
    return `${call} { ${parts.join(' ')} }`;
  }
  return `${call} { ${level < depth ? selectionOf(named, level + 1) : '__typename'} }`;
}

/** The query for a list field at a size: its parent reached, the list with `first: 100` (a connection), everything below it to `depth`. */
function queryOf(list: ListField, size: Size): string {
  const selection = fieldSelection(list.parent, list.field, 0, isConnection(getNamedType(list.field.type)) ? 100 : undefined);
  return `{ ${reach[list.parent.name]?.query(size, selection)} }`;
}

/** How many items the list under test answered. */
function itemsOf(list: ListField, response: GraphQLResponse): number {
  let value: unknown = response.data;
  for (const key of [...(reach[list.parent.name]?.path ?? []), list.field.name]) value = (value as Record<string, unknown> | null)?.[key];
  if (Array.isArray(value)) return value.length;
  const nodes = (value as { nodes?: unknown[] } | null)?.nodes;
  return nodes?.length ?? 0;
}

type Persona = 'john' | 'ringo' | 'self';

interface Case {
  readonly name: string;
  readonly list: ListField;
  readonly persona: Persona;
}
const cases: Case[] = reachable.flatMap((list) =>
  (['john', 'ringo', ...(reach[list.parent.name]?.signInAs ? ['self' as const] : [])] as const).map((persona) => ({
    name: `${list.coordinate} as ${persona === 'self' ? 'the user' : persona}`,
    list,
    persona,
  })),
);

/** Who must see items of a list: john (admin of every organization of the fixture), or the user themself for `ownLists`. */
const seesItems = (list: ListField, persona: Persona) => persona === (ownLists.has(list.coordinate) ? 'self' : 'john');

let api: TestServer;
beforeAll(async () => {
  if (runsInAnotherStage('postgres')) return;
  // No expiry sweep: its statement, once a minute, would be counted in whichever request it meets.
  api = await startTestServer(
    { expiredGrantsSweepMs: 0 },
    { QUERY_MAX_DEPTH: '30', QUERY_MAX_COST: '1000000000', QUERY_MAX_TOKENS: '1000000' },
  );
  for (const size of sizes) await insertFixture(size);
});
afterAll(async () => {
  await api?.stop();
});

/**
 * For a size N, every list holds about N items, never more than 100: the page under test (100)
 * then holds all of them at both sizes, and what it loads covers the same share of what the
 * fields below it ask for. Organization `stmt-N`: N members (john admin, ringo and stmt-N-1 to
 * N-2), N repositories (N-1 and `big`), each with an issue, a workflow run and a collaborator
 * (ringo, a maintainer, on odd ones), `big` with N of each (collaborators stmt-N-1 to N); N active
 * grants to stmt-N-1 to N (half expiring within the role report's 7 days), N unused custom roles
 * (pairs with the same permissions), N audit entries, N access reviews (the newest of N items). And
 * `stmt-N-joiner`, admin of N/2 and member of N/2 organizations `stmt-N-o<i>` (john admin of those at N = 10), each with
 * a repository `main`, a custom role and an audit entry.
 */
async function insertFixture(size: Size): Promise<void> {
  const em = api.server.db.em.fork();
  const idsOf = async (sql: string, params: unknown[] = []) =>
    Object.fromEntries((await em.execute<{ name: string; id: string }[]>(sql, params)).map((row) => [row.name, row.id]));
  const roles = await idsOf('select name, id from roles where built_in');
  const permissions = await idsOf('select name, id from permissions');
  const prefix = `stmt-${size}`;
  await em.execute(
    `insert into users (id, login, name, email, password_hash, created_at)
     select gen_random_uuid(), login, login, login || '@gitclub.test', (select password_hash from users where login = 'john'), now()
     from (select ? || '-' || n as login from generate_series(1, ?) n union all select ? || '-joiner') logins`,
    [prefix, size, prefix],
  );
  const [organization] = await em.execute<{ id: string }[]>(
    `insert into organizations (id, login, name, default_repository_role_id, created_at) values (gen_random_uuid(), ?, ?, ?, now()) returning id`,
    [prefix, prefix, roles.contributor],
  );
  const organizationId = organization?.id;
  // John's admin roles on stmt-N come first, so his access tokens carry them (a token holds 50 organization roles).
  await em.execute(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), u.id, case u.login when 'john' then ?::uuid else ?::uuid end, 'organization', ?,
       case u.login when 'john' then now() - interval '1 day' else now() end
     from users u where u.login in ('john', 'ringo') or u.login in (select ? || '-' || n from generate_series(1, ?) n)`,
    [roles.admin, roles.member, organizationId, prefix, size - 2],
  );
  await em.execute(
    `insert into repositories (id, organization_id, name, readme, created_at)
     select gen_random_uuid(), ?, name, 'readme', now()
     from (select 'repo-' || lpad(n::text, 3, '0') as name from generate_series(1, ?) n union all select 'big') names`,
    [organizationId, size - 1],
  );
  // Children: n = 1 on every repository, 1 to N on big; authors alternate between john and ringo.
  const children = `from repositories r cross join generate_series(1, ?) n where r.organization_id = ? and (n = 1 or r.name = 'big')`;
  const alternating = `(select id from users where login = case when n % 2 = 0 then 'john' else 'ringo' end)`;
  await em.execute(
    `insert into issues (id, repository_id, number, title, state, author_id, created_at)
     select gen_random_uuid(), r.id, n, 'Issue ' || n, case when n % 3 = 0 then 'CLOSED' else 'OPEN' end, ${alternating}, now() ${children}`,
    [size, organizationId],
  );
  await em.execute(
    `insert into workflow_runs (id, repository_id, workflow, triggered_by_id, created_at)
     select gen_random_uuid(), r.id, 'build-' || n, ${alternating}, now() - n * interval '1 minute' ${children}`,
    [size, organizationId],
  );
  // Collaborators: ringo (maintainer) on odd repositories, stmt-N-<i> (contributor) on even ones; stmt-N-1 to N on big.
  await em.execute(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), u.id, case when n % 2 = 1 then ?::uuid else ?::uuid end, 'repository', r.id, now()
     from generate_series(1, ?) n
     join repositories r on r.organization_id = ? and r.name in ('repo-' || lpad(n::text, 3, '0'), 'big')
     join users u on u.login = case when r.name = 'big' or n % 2 = 0 then ? || '-' || n else 'ringo' end`,
    [roles.maintainer, roles.contributor, size, organizationId, prefix],
  );
  await em.execute(
    `insert into permission_grants (id, user_id, permission, resource_type, resource_id, organization_id, reason, expires_at, granted_by_id, created_at)
     select gen_random_uuid(), u.id, 'read_code:repository', 'repository', r.id, ?, 'statement counts',
       now() + case when n % 2 = 0 then interval '3 days' else interval '30 days' end + n * interval '1 minute', (select id from users where login = 'john'), now()
     from generate_series(1, ?) n
     join users u on u.login = ? || '-' || n
     join repositories r on r.organization_id = ? and r.name = case when n < ? then 'repo-' || lpad(n::text, 3, '0') else 'big' end`,
    [organizationId, size, prefix, organizationId, size],
  );
  const customRoles = await idsOf(
    `insert into roles (id, name, description, resource_type, built_in, organization_id, created_at)
     select gen_random_uuid(), 'custom-' || n, 'Pair ' || ((n + 1) / 2), 'repository', false, ?, now() from generate_series(1, ?) n
     returning name, id`,
    [organizationId, size],
  );
  // Pairs share a permission set (one duplicate group each): read, plus the pair's number as a mask over the other repository permissions.
  const others = Object.keys(permissions).filter((name) => name.endsWith(':repository') && name !== 'read:repository');
  const rolePermissions = Object.entries(customRoles).flatMap(([name, roleId]) => {
    const pair = Math.ceil(Number(name.slice('custom-'.length)) / 2);
    return ['read:repository', ...others.filter((_name, bit) => pair & (1 << bit))].map((permission) => [roleId, permissions[permission]]);
  });
  await em.execute('insert into role_permissions (role_id, permission_id) select unnest(?::uuid[]), unnest(?::uuid[])', [
    sqlArray(rolePermissions.map(([roleId]) => roleId ?? '')),
    sqlArray(rolePermissions.map(([, permissionId]) => permissionId ?? '')),
  ]);
  await em.execute(
    `insert into audit_log_entries (id, organization_id, actor_id, action, target_user_id, resource_type, resource_id, after, request_id, created_at)
     select gen_random_uuid(), ?, (select id from users where login = 'john'), 'membership.added', u.id, 'organization', ?, '{"role": "member"}'::jsonb,
       'statement-counts', now() - n * interval '1 minute'
     from generate_series(1, ?) n join users u on u.login = ? || '-' || n`,
    [organizationId, organizationId, size, prefix],
  );
  // John is admin of the joiner's organizations at the smaller size only: his own list of organizations then holds more
  // than 10 parents for the batched-list check, without every request of his reaching 50 organizations (viewer.access).
  // The joiner's organizations, after john's stmt-N roles (his token carries those). The joiner is admin of odd ones
  // (what only admins see, across organizations), member of even ones; each has a repository, a custom role, an audit entry.
  await em.execute(
    `insert into organizations (id, login, name, default_repository_role_id, created_at)
     select gen_random_uuid(), ? || '-o' || n, ? || ' o' || n, ?, now() from generate_series(1, ?) n`,
    [prefix, prefix, roles.contributor, size],
  );
  const joined = `o.login like ? || '-o%'`;
  await em.execute(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), u.id,
       case when u.login = 'john' or substring(o.login from '-o([0-9]+)$')::int % 2 = 1 then ?::uuid else ?::uuid end,
       'organization', o.id, now()
     from organizations o cross join users u where ${joined} and (u.login = ? || '-joiner' or (u.login = 'john' and ? = ?))`,
    [roles.admin, roles.member, prefix, prefix, size, sizes[0]],
  );
  await em.execute(
    `insert into roles (id, name, description, resource_type, built_in, organization_id, created_at)
     select gen_random_uuid(), 'custom-' || o.login, null, 'organization', false, o.id, now() from organizations o where ${joined}`,
    [prefix],
  );
  await em.execute(
    `insert into audit_log_entries (id, organization_id, actor_id, action, target_user_id, resource_type, resource_id, request_id, created_at)
     select gen_random_uuid(), o.id, (select id from users where login = 'john'), 'membership.added', (select id from users where login = ? || '-joiner'),
       'organization', o.id, 'statement-counts', now()
     from organizations o where ${joined}`,
    [prefix, prefix],
  );
  await em.execute(
    `insert into repositories (id, organization_id, name, readme, created_at) select gen_random_uuid(), o.id, 'main', 'readme', now() from organizations o where ${joined}`,
    [prefix],
  );
  // A direct grant makes the joiner's tokens say so (`gr`): its organization access then comes from the database at
  // both sizes (a token carries at most 50 organization roles, and the path beyond them must be measured too).
  await em.execute(
    `insert into permission_grants (id, user_id, permission, resource_type, resource_id, organization_id, reason, expires_at, granted_by_id, created_at)
     select gen_random_uuid(), (select id from users where login = ? || '-joiner'), 'trigger_workflow:repository', 'repository', r.id, o.id,
       'statement counts', now() + interval '30 days', (select id from users where login = 'john'), now()
     from organizations o join repositories r on r.organization_id = o.id where o.login = ? || '-o1'`,
    [prefix, prefix],
  );
  // N access reviews in stmt-N (by john, a minute apart): the newest holds an item per membership (N), the others two
  // each; every third item kept by john.
  await em.execute(
    `insert into access_reviews (id, organization_id, started_by_id, created_at, due_at, when_undecided)
     select gen_random_uuid(), ?, (select id from users where login = 'john'), now() - n * interval '1 minute', now() + interval '30 days',
       case when n % 2 = 0 then 'keep' else 'revoke' end
     from generate_series(1, ?) n`,
    [organizationId, size],
  );
  await em.execute(
    `insert into access_review_items (id, review_id, organization_id, position, user_id, kind, assignment_id, role_id, role_name, custom_role,
       resource_type, resource_id, resource_name, decision, decided_by_id, decided_by_name, decided_at, note)
     select gen_random_uuid(), rv.id, rv.organization_id, held.position, held.user_id, 'membership', held.id, held.role_id, held.role_name, false,
       'organization', rv.organization_id, ?,
       case when held.position % 3 = 0 then 'keep' end, case when held.position % 3 = 0 then rv.started_by_id end,
       case when held.position % 3 = 0 then 'john' end, case when held.position % 3 = 0 then now() end,
       case when held.position % 3 = 0 then 'statement counts' end
     from (select id, organization_id, started_by_id, row_number() over (order by created_at desc) as newest
           from access_reviews where organization_id = ?) rv
     join (select ra.id, ra.user_id, ra.role_id, r.name as role_name, row_number() over (order by u.login) as position
           from role_assignments ra join roles r on r.id = ra.role_id join users u on u.id = ra.user_id
           where ra.resource_type = 'organization' and ra.resource_id = ?) held on rv.newest = 1 or held.position <= 2`,
    [prefix, organizationId, organizationId],
  );
  // N pending access requests in stmt-N (stmt-N-<i> asks to update repo-<i>, or big); the joiner's own N, one per
  // joined organization's `main`, odd ones approved by john with the joiner's grant (their deciders and grants resolve).
  await em.execute(
    `insert into access_requests (id, requester_id, permission, resource_type, resource_id, resource_name, organization_id, reason, status, created_at)
     select gen_random_uuid(), u.id, 'update:repository', 'repository', r.id, r.name, ?, 'statement counts', 'pending', now() - n * interval '1 minute'
     from generate_series(1, ?) n
     join users u on u.login = ? || '-' || n
     join repositories r on r.organization_id = ? and r.name = case when n < ? then 'repo-' || lpad(n::text, 3, '0') else 'big' end`,
    [organizationId, size, prefix, organizationId, size],
  );
  await em.execute(
    `insert into access_requests (id, requester_id, permission, resource_type, resource_id, resource_name, organization_id, reason, status,
       decided_by_id, decided_at, grant_id, created_at)
     select gen_random_uuid(), j.id, 'update:repository', 'repository', r.id, o.login || '/main', o.id, 'statement counts',
       case when n % 2 = 1 then 'approved' else 'pending' end,
       case when n % 2 = 1 then (select id from users where login = 'john') end, case when n % 2 = 1 then now() end,
       case when n % 2 = 1 then (select id from permission_grants where user_id = j.id limit 1) end, now() - n * interval '1 minute'
     from organizations o join repositories r on r.organization_id = o.id
     cross join lateral (select substring(o.login from '-o([0-9]+)$')::int as n) numbered
     join users j on j.login = ? || '-joiner'
     where ${joined}`,
    [prefix, prefix],
  );
}

/** Signs a login in (once) and returns how to send a query as it: the harness for the demo cast, the demo password (copied from john) for the fixture's users. */
/** Sends a query (and its variables) as one signed-in login. */
type Sender = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;
const signedIn = new Map<string, Promise<Sender>>();
/** A query with the ids it stands in for filled in. */
const withIds = (query: string) => query.replaceAll(johnId, JSON.stringify(api.ids.john));

function signIn(login: string): Promise<Sender> {
  let sender = signedIn.get(login);
  if (!sender) {
    sender =
      login in demoUsers
        ? api.tokenOf(login as DemoLogin).then((): Sender => (query, variables) => api.gql(login as DemoLogin, withIds(query), variables))
        : api
            .send(undefined, {
              query: 'mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password}) { accessToken } }',
              variables: { email: `${login}@gitclub.test`, password: demoPassword },
            })
            .then((response) => {
              const token = (response.data?.login as { accessToken: string } | undefined)?.accessToken;
              if (!token) throw new Error(`Could not sign in as ${login}: ${JSON.stringify(response.errors)}`);
              return (query: string, variables?: Record<string, unknown>) =>
                api.send(`Bearer ${token}`, { query: withIds(query), variables });
            });
    signedIn.set(login, sender);
  }
  return sender;
}

/** Sends a list's query as a persona, signed in beforehand, and counts the SQL statements it costs. */
async function measure(list: ListField, persona: Persona, size: Size) {
  const send = await signIn(persona === 'self' ? (reach[list.parent.name]?.signInAs?.(size) ?? '') : persona);
  api.queries.reset();
  const response = await send(queryOf(list, size));
  const statements = api.queries.count;
  const texts = [...api.queries.statements];
  const errors: readonly GraphQLFormattedError[] = response.errors ?? [];
  return { statements, texts, items: itemsOf(list, response), errors };
}

/** What one measure saw: the statements, their texts, the items listed and the errors. */
type Measured = Awaited<ReturnType<typeof measure>>;

/** A statement's text without its literals and with lists of parameters as one: the same statement for 10 ids and for 40. */
const shapeOf = (sql: string) =>
  sql
    .replace(/'[^']*'/g, '?')
    .replace(/\b\d+\b/g, '?')
    .replace(/\?(\s*,\s*\?)+/g, '?')
    .slice(0, 300);

/** Statements of `these` left over once each of `those` has taken away one statement of the same shape. */
function unmatched(these: readonly string[], those: readonly string[]): string[] {
  const shape = shapeOf;
  const left = those.map(shape);
  return these.filter((sql) => {
    const index = left.indexOf(shape(sql));
    if (index === -1) return true;
    left.splice(index, 1);
    return false;
  });
}

describe('list fields of the schema', () => {
  it('are each reachable from a parent of the fixture, or exempt', () => {
    const coordinates = listFields.map((list) => list.coordinate);
    expect(
      listFields.filter((list) => !reach[list.parent.name] && !exempt[list.coordinate]).map((list) => list.coordinate),
      'list fields on a type without a line in `reach` and not exempt',
    ).toEqual([]);
    expect(
      Object.keys(exempt).filter((coordinate) => !coordinates.includes(coordinate)),
      'exemptions naming no list field',
    ).toEqual([]);
  });
});

describe.skipIf(runsInAnotherStage('postgres'))('SQL statements of a list field', () => {
  it.each(cases)('$name: the same statements for 10 parents and for 40', async ({ list, persona }) => {
    // The same statements at both sizes, shape by shape. A batch may split when lists of the same type of parent
    // (say a user's repositories and an organization's) resolve in different turns of the event loop: that depends on
    // timing, not on the number of parents, and on PostgreSQL the smaller size has been seen to split in three where
    // the larger did not. So only a shape the larger size runs more than twice as often is uneven (1 -> 3, 2 -> 5),
    // never one the smaller size runs more often: a statement per item runs about four times as often at 40 as at 10.
    const counts = (texts: readonly string[]) =>
      texts.reduce((map, sql) => map.set(shapeOf(sql), (map.get(shapeOf(sql)) ?? 0) + 1), new Map<string, number>());
    const unevenShapes = (small: Measured, large: Measured) => {
      const [atSmall, atLarge] = [counts(small.texts), counts(large.texts)];
      return [...atLarge.keys()].filter((shape) => (atLarge.get(shape) ?? 0) > 2 * (atSmall.get(shape) ?? 0));
    };
    let [small, large] = [await measure(list, persona, smaller), await measure(list, persona, larger)];
    let uneven = unevenShapes(small, large);
    // Work of the server's own (the expired-grants sweep, once a minute) can land inside a measure, and batches split
    // by timing: up to three rounds, the first even one passing. A statement per item is uneven in every round.
    for (let round = 1; round < 3 && uneven.length > 0; round++) {
      [small, large] = [await measure(list, persona, smaller), await measure(list, persona, larger)];
      uneven = unevenShapes(small, large);
    }
    for (const [size, result] of [
      [smaller, small],
      [larger, large],
    ] as const) {
      expect(
        result.errors.filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR'),
        `internal errors at ${size}`,
      ).toEqual([]);
      if (seesItems(list, persona)) expect(result.items, `items at ${size}`).toBeGreaterThanOrEqual(size / 2);
    }
    expect(
      uneven,
      `statements for ${larger} parents (${smaller} parents: ${small.statements}); only at ${smaller}:\n${unmatched(small.texts, large.texts).join('\n')}\nonly at ${larger}:\n${unmatched(large.texts, small.texts).join('\n')}`,
    ).toEqual([]);
  });
});

/** Everything to `depth` below an object of a type, as the statement counts select it. */
const everythingOn = (typeName: string) => {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`No type ${typeName}.`);
  return selectionOf(type, 1);
};

/**
 * Batched, each parent answers as it does alone: a list of parents (several organizations, or
 * repositories whose viewer holds different roles), with everything to `depth` below each, gives
 * each parent the same data as a query for that parent alone.
 */
describe.skipIf(runsInAnotherStage('postgres'))('batched lists', () => {
  const organization = everythingOn('Organization');
  const repository = everythingOn('Repository');
  // One document per kind of parent, the parent in variables: parsed and validated once (the server's document cache), not per parent.
  const organizationAlone = `query($login: String!) { organization(login: $login) { login ${organization} } }`;
  const repositoryAlone = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { name ${repository} } }`;
  type Parent = Record<string, unknown> & { login?: string; name?: string };
  it.each([
    {
      // stmt-10, stmt-40, beatles and stmt-10-joiner's organizations
      name: "john's organizations, as admin",
      login: 'john',
      list: `{ viewer { organizations { organization { login ${organization} } } } }`,
      parents: (data: Record<string, unknown>) =>
        (data.viewer as { organizations: { organization: Parent }[] }).organizations.map((membership) => membership.organization),
      alone: (parent: Parent) => ({ query: organizationAlone, variables: { login: parent.login } }),
      answer: (data: Record<string, unknown>) => data.organization,
    },
    {
      name: "stmt-10-joiner's organizations, as admin or member",
      login: 'stmt-10-joiner',
      list: `{ viewer { organizations { organization { login ${organization} } } } }`,
      parents: (data: Record<string, unknown>) =>
        (data.viewer as { organizations: { organization: Parent }[] }).organizations.map((membership) => membership.organization),
      alone: (parent: Parent) => ({ query: organizationAlone, variables: { login: parent.login } }),
      answer: (data: Record<string, unknown>) => data.organization,
    },
    ...(['john', 'ringo'] as const).map((login) => ({
      name: `stmt-10's repositories as ${login}`,
      login,
      list: `{ organization(login: "stmt-10") { repositories(first: 100) { nodes { name ${repository} } } } }`,
      parents: (data: Record<string, unknown>) => (data.organization as { repositories: { nodes: Parent[] } }).repositories.nodes,
      alone: (parent: Parent) => ({ query: repositoryAlone, variables: { owner: 'stmt-10', name: parent.name } }),
      answer: (data: Record<string, unknown>) => data.repository,
    })),
  ])(
    '$name',
    async ({ login, list, parents, alone, answer }) => {
      const send = await signIn(login);
      const listed = parents((await send(list)).data ?? {});
      expect(listed.length).toBeGreaterThanOrEqual(10);
      for (const parent of listed) {
        const { query, variables } = alone(parent);
        const single = await send(query, variables);
        expect(parent, `${parent.login ?? parent.name} alone`).toEqual(answer(single.data ?? {}));
      }
      // A request per parent, over a hundred in a row: a check of answers, not of time (the bench measures time).
    },
    120_000,
  );
});
