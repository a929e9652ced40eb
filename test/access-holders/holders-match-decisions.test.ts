// The contract of peopleWithAccess, as a property over randomized worlds: a person is listed for a
// permission on a resource if and only if the decision for them allows it, with exactly the paths
// their access holds that give it (what explainAccess lists), and the count is the number listed.
// Each world is an organization of its own with custom roles, a default repository role, members,
// outside collaborators, platform support, grants (current, expired, revoked), authors, suspended
// users. ROLEGATE_PROPERTY_WORLDS sets how many (the suite samples 4), ROLEGATE_PROPERTY_SEED the seed.
import { Authorizer } from '@rolegate/authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticatedViewer } from '../../src/auth/viewer.js';
import type { EntityManager } from '../../src/db/database.js';
import { accessHolderLoaders, type HeldResourceType, type HolderRow } from '../../src/gitclub/access-holders/access-holder-loaders.js';
import { heldInOrganizationLoaders, type HeldResourceRow } from '../../src/gitclub/access-holders/held-in-organization.js';
import { gitClubAccessSources } from '../../src/gitclub/access/index.js';
import { noAccessHooks } from '../../src/gitclub/access/access-hooks.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const worlds = Number(process.env.ROLEGATE_PROPERTY_WORLDS ?? 4);
const firstSeed = Number(process.env.ROLEGATE_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A small seeded generator (mulberry32): the same seed makes the same world. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (probability: number) => next() < probability,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
    subset: <T>(values: readonly T[], probability: number): T[] => values.filter(() => next() < probability),
  };
}

const permissionsOf = (type: HeldResourceType) =>
  permissionCatalog.permissions.filter((entry) => entry.resourceType === type).map((entry) => entry.name);

interface World {
  readonly seed: number;
  readonly organizationId: string;
  readonly users: readonly string[];
  readonly resources: readonly { readonly type: HeldResourceType; readonly id: string }[];
}

let api: TestServer;
let em: EntityManager;

async function insertOne(sql: string, params: unknown[]): Promise<string> {
  const [row] = await em.execute<{ id: string }[]>(`${sql} returning id`, params);
  if (!row) throw new Error(`Nothing inserted: ${sql}`);
  return row.id;
}

/** Builds one random world in the database. */
async function buildWorld(seed: number): Promise<World> {
  const random = generator(seed);
  const builtIn = async (name: string) =>
    (await em.execute<{ id: string }[]>('select id from roles where name = ? and built_in', [name]))[0]?.id;
  const organizationId = await insertOne(
    `insert into organizations (id, login, name, created_at) values (gen_random_uuid(), ?, 'World', now())`,
    [`world-${seed}`],
  );
  const customRole = async (name: string, type: 'organization' | 'repository') => {
    const visibility = `read:${type}`;
    const permissions = [
      visibility,
      ...random.subset(
        permissionsOf(type).filter((name) => name !== visibility),
        0.4,
      ),
    ];
    const id = await insertOne(
      `insert into roles (id, name, resource_type, built_in, organization_id, created_at) values (gen_random_uuid(), ?, ?, false, ?, now())`,
      [name, type, organizationId],
    );
    await em.execute('insert into role_permissions (role_id, permission_id) select ?, id from permissions where name = any(?::text[])', [
      id,
      `{${permissions.join(',')}}`,
    ]);
    return id;
  };
  const organizationRoles = [
    await builtIn('admin'),
    await builtIn('member'),
    await builtIn('billing'),
    await customRole('auditor', 'organization'),
  ];
  const repositoryRoles = [await builtIn('maintainer'), await builtIn('contributor'), await customRole('ci-cd', 'repository')];
  const defaultRole = random.pick([...repositoryRoles, null]);
  await em.execute('update organizations set default_repository_role_id = ? where id = ?', [defaultRole, organizationId]);
  const users: string[] = [];
  for (let index = 0; index < 9; index++) {
    users.push(
      await insertOne(
        `insert into users (id, login, name, email, password_hash, created_at, suspended_at)
         values (gen_random_uuid(), ?, 'Someone', ?, 'x', now(), ${random.chance(0.15) ? 'now()' : 'null'})`,
        [`w${seed}-u${index}`, `w${seed}-u${index}@example.com`],
      ),
    );
  }
  const assign = (userId: string, roleId: string, type: string, resourceId: string) =>
    em.execute(
      `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())`,
      [userId, roleId, type, resourceId],
    );
  for (const userId of users) {
    // Some hold no organization role at all: outside collaborators, or nothing.
    if (random.chance(0.75)) await assign(userId, random.pick(organizationRoles) as string, 'organization', organizationId);
  }
  // Platform staff of this world (they hold support on every world's tenants: the decisions see them too).
  if (random.chance(0.3)) {
    const platformRole = await builtIn(random.pick(['support', 'platform_admin']));
    await assign(users[8] as string, platformRole as string, 'platform', '00000000-0000-4000-8000-000000000000');
  }
  const resources: { type: HeldResourceType; id: string }[] = [{ type: 'organization', id: organizationId }];
  for (let repositoryIndex = 0; repositoryIndex < 2; repositoryIndex++) {
    const repositoryId = await insertOne(
      `insert into repositories (id, organization_id, name, created_at) values (gen_random_uuid(), ?, ?, now())`,
      [organizationId, `repo-${repositoryIndex}`],
    );
    resources.push({ type: 'repository', id: repositoryId });
    for (const userId of random.subset(users, 0.35))
      await assign(userId, random.pick(repositoryRoles) as string, 'repository', repositoryId);
    for (let number = 1; number <= 2; number++) {
      const issueId = await insertOne(
        `insert into issues (id, repository_id, number, title, author_id, created_at) values (gen_random_uuid(), ?, ?, 'An issue', ?, now())`,
        [repositoryId, number, random.pick(users)],
      );
      resources.push({ type: 'issue', id: issueId });
    }
  }
  // Grants: current, expired and revoked, on every kind of resource.
  for (let index = 0; index < 8; index++) {
    const resource = random.pick(resources);
    const state = random.pick(['current', 'current', 'expired', 'revoked'] as const);
    await em.execute(
      `insert into permission_grants (id, user_id, permission, resource_type, resource_id, organization_id, reason, expires_at, created_at, revoked_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, 'property', now() + ?::interval, now(), ${state === 'revoked' ? 'now()' : 'null'})`,
      [
        random.pick(users),
        random.pick(permissionsOf(resource.type)),
        resource.type,
        resource.id,
        organizationId,
        state === 'expired' ? '-1 minute' : '1 hour',
      ],
    );
  }
  return { seed, organizationId, users, resources };
}

/** Every holder of a permission on a resource, page by page (3 at a time, so that paging is exercised), and the count. */
async function allHolders(type: HeldResourceType, resourceId: string, permission: string) {
  const loaders = accessHolderLoaders(em, () => (load) => load);
  const holders: HolderRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await loaders[`${type}HolderPages`].load({ parentId: resourceId, filter: permission, after, limit: 4 });
    holders.push(...page.slice(0, 3));
    if (page.length <= 3) break;
    after = page[2]?.login;
  }
  const count = await loaders[`${type}HolderCount`].load({ parentId: resourceId, filter: permission });
  return { holders, count };
}

/** Everything one person holds in an organization (accessOf), page by page (4 at a time), and the count. */
async function allHeld(organizationId: string, userId: string) {
  const loaders = heldInOrganizationLoaders(em, () => (load) => load);
  const held: HeldResourceRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await loaders.heldInOrganizationPages.load({ parentId: organizationId, filter: userId, after, limit: 5 });
    held.push(...page.slice(0, 4));
    if (page.length <= 4) break;
    after = page[3]?.sortKey;
  }
  const count = await loaders.heldInOrganizationCount.load({ parentId: organizationId, filter: userId });
  return { held, count };
}

/** A user's authorizer, deciding as explainAccess does (roles and grants from the database); it loads each resource's access once. */
function authorizerOf(userId: string) {
  const subject: AuthenticatedViewer = { id: userId, organizationRoles: new Map(), mayHoldGrants: true };
  return new Authorizer({ viewer: subject, sources: gitClubAccessSources(() => em, noAccessHooks) });
}

/** The decision for a user, and the paths their access holds that give the permission (via and role), as explainAccess reads them. */
async function decided(authorizer: ReturnType<typeof authorizerOf>, type: HeldResourceType, resourceId: string, permission: string) {
  const decision = await authorizer.evaluate(permission, type, resourceId);
  const access = await authorizer.access(type, resourceId);
  const paths = (access?.grants ?? [])
    .filter((grant) => grant.permissions.has(permission))
    .map((grant) => `${grant.via}|${grant.role ?? ''}`);
  return { allowed: decision.outcome === 'allow', paths: [...new Set(paths)].sort() };
}

beforeAll(async () => {
  api = await startTestServer();
  em = api.server.db.em.fork();
});
afterAll(async () => {
  await api?.stop();
});

describe('peopleWithAccess agrees with the decisions', () => {
  const seeds = Array.from({ length: worlds }, (_, index) => firstSeed + index);
  it.each(seeds)('world %i: listed if and only if allowed, with the same paths', async (seed) => {
    const world = await buildWorld(seed);
    // Everyone who could hold anything: the world's users and the platform staff of every world.
    const staff = await em.execute<{ user_id: string }[]>(`select user_id from role_assignments where resource_type = 'platform'`);
    const everyone = [...new Set([...world.users, ...staff.map((row) => row.user_id)])];
    const authorizers = new Map(everyone.map((userId) => [userId, authorizerOf(userId)]));
    // Each user's access on every resource, loaded once (batched per type), before the checks read it.
    await Promise.all(
      [...authorizers.values()].flatMap((authorizer) => world.resources.map((resource) => authorizer.access(resource.type, resource.id))),
    );
    const checks = world.resources.flatMap((resource) => permissionsOf(resource.type).map((permission) => ({ ...resource, permission })));
    const listings = await Promise.all(checks.map((check) => allHolders(check.type, check.id, check.permission)));
    let allowedSomewhere = 0;
    for (const [index, { type, id, permission }] of checks.entries()) {
      const { holders, count } = listings[index] as Awaited<ReturnType<typeof allHolders>>;
      const where = `seed ${seed}, ${permission} on ${type} ${id}`;
      expect(count, where).toBe(holders.length);
      expect(new Set(holders.map((holder) => holder.userId)).size, `${where}: listed twice`).toBe(holders.length);
      const listed = new Map(holders.map((holder) => [holder.userId, holder]));
      for (const [userId, authorizer] of authorizers) {
        const decision = await decided(authorizer, type, id, permission);
        const holder = listed.get(userId);
        expect(holder !== undefined, `${where}: user ${userId} listed must equal allowed`).toBe(decision.allowed);
        if (!holder) continue;
        allowedSomewhere++;
        const paths = [...new Set(holder.paths.map((path) => `${path.via}|${path.role ?? ''}`))].sort();
        expect(paths, `${where}: the paths of user ${userId}`).toEqual(decision.paths);
      }
      // Nobody outside `everyone` is listed.
      for (const holder of holders) expect(everyone, where).toContain(holder.userId);
    }
    // accessOf agrees with peopleWithAccess row for row: the same (resource, permission, paths) for each person.
    const fromHolders = new Map<string, string[]>();
    for (const [index, { id, permission }] of checks.entries()) {
      for (const holder of listings[index]?.holders ?? []) {
        const paths = holder.paths.map((path) => `${path.via}|${path.role ?? ''}|${path.expiresAt ?? ''}`).sort();
        fromHolders.set(holder.userId, [...(fromHolders.get(holder.userId) ?? []), `${id} ${permission} ${paths.join(',')}`]);
      }
    }
    for (const userId of world.users) {
      const { held, count } = await allHeld(world.organizationId, userId);
      expect(count, `seed ${seed}: accessOf count of ${userId}`).toBe(held.length);
      const rows = held.flatMap((resource) => {
        const byPermission = new Map<string, string[]>();
        for (const path of resource.paths) {
          byPermission.set(path.permission, [
            ...(byPermission.get(path.permission) ?? []),
            `${path.via}|${path.role ?? ''}|${path.expiresAt ?? ''}`,
          ]);
        }
        return [...byPermission].map(([permission, paths]) => `${resource.resourceId} ${permission} ${paths.sort().join(',')}`);
      });
      expect(rows.sort(), `seed ${seed}: accessOf of ${userId}`).toEqual((fromHolders.get(userId) ?? []).sort());
    }
    // A world where nobody holds anything would prove nothing.
    expect(allowedSomewhere).toBeGreaterThan(0);
  });
});
