// Random worlds for property tests: each an organization of its own with custom roles, a default
// repository role, members, outside collaborators, platform support, grants (current, expired,
// revoked), authors and suspended users, built from a seed (the same seed, the same world).
// ROLEGATE_PROPERTY_WORLDS sets how many a test builds (the suite samples 4), ROLEGATE_PROPERTY_SEED the first seed.
import type { EntityManager } from '../../src/db/database.js';
import type { HeldResourceType } from '../../src/gitclub/access-holders/held-resource-types.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';

/** The seeds of this run's worlds: ROLEGATE_PROPERTY_WORLDS of them (4 by default), from ROLEGATE_PROPERTY_SEED or a random one. */
export function propertyWorldSeeds(): number[] {
  const worlds = Number(process.env.ROLEGATE_PROPERTY_WORLDS ?? 4);
  const firstSeed = Number(process.env.ROLEGATE_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  return Array.from({ length: worlds }, (_, index) => firstSeed + index);
}
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

/** The catalog's permissions of a type, by full name. */
export const permissionsOf = (type: HeldResourceType) =>
  permissionCatalog.permissions.filter((entry) => entry.resourceType === type).map((entry) => entry.name);

/** A world as built: its organization, its users (9, some suspended), its resources (the organization, 2 repositories, 4 issues). */
export interface World {
  readonly seed: number;
  readonly organizationId: string;
  readonly users: readonly string[];
  readonly resources: readonly { readonly type: HeldResourceType; readonly id: string }[];
  /** The users suspended at birth. */
  readonly suspended: ReadonlySet<string>;
}

async function insertOne(em: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const [row] = await em.execute<{ id: string }[]>(`${sql} returning id`, params);
  if (!row) throw new Error(`Nothing inserted: ${sql}`);
  return row.id;
}

/** Builds one random world in the database. */
export async function buildWorld(em: EntityManager, seed: number): Promise<World> {
  const random = generator(seed);
  const suspended = new Set<string>();
  const builtIn = async (name: string) =>
    (await em.execute<{ id: string }[]>('select id from roles where name = ? and built_in', [name]))[0]?.id;
  const organizationId = await insertOne(
    em,
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
      em,
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
    const isSuspended = random.chance(0.15);
    const userId = await insertOne(
      em,
      `insert into users (id, login, name, email, password_hash, created_at, suspended_at)
       values (gen_random_uuid(), ?, 'Someone', ?, 'x', now(), ${isSuspended ? 'now()' : 'null'})`,
      [`w${seed}-u${index}`, `w${seed}-u${index}@example.com`],
    );
    users.push(userId);
    if (isSuspended) suspended.add(userId);
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
      em,
      `insert into repositories (id, organization_id, name, created_at) values (gen_random_uuid(), ?, ?, now())`,
      [organizationId, `repo-${repositoryIndex}`],
    );
    resources.push({ type: 'repository', id: repositoryId });
    for (const userId of random.subset(users, 0.35))
      await assign(userId, random.pick(repositoryRoles) as string, 'repository', repositoryId);
    for (let number = 1; number <= 2; number++) {
      const issueId = await insertOne(
        em,
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
  return { seed, organizationId, users, resources, suspended };
}
