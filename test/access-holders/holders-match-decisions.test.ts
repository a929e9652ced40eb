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
import { buildWorld as buildWorldIn, permissionsOf, propertyWorldSeeds } from '../helpers/random-world.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
let em: EntityManager;
const buildWorld = (seed: number) => buildWorldIn(em, seed);

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
  const seeds = propertyWorldSeeds();
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
