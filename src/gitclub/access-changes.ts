import type { AuthzVersions } from '../auth/authz-versions.js';
import type { EntityManager } from '../db/database.js';
import { sqlArray } from '../db/sql-array.js';

/**
 * Marks users' access as changed: their authorization version grows in the same transaction as
 * the change, so tokens issued before it can be recognized as stale.
 */
export async function bumpAuthzVersion(em: EntityManager, versions: AuthzVersions, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await em.execute<{ id: string; authz_version: number }[]>(
    'update users set authz_version = authz_version + 1 where id = any(?::uuid[]) returning id, authz_version',
    [sqlArray(userIds)],
  );
  versions.raise(rows.map((row) => [row.id, row.authz_version] as const));
}

/** Everyone holding a role in an organization or on one of its repositories. */
export async function usersWithAccessTo(em: EntityManager, organizationId: string): Promise<string[]> {
  const rows = await em.execute<{ user_id: string }[]>(
    `select distinct user_id from role_assignments
     where (resource_type = 'organization' and resource_id = ?)
        or (resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ?))`,
    [organizationId, organizationId],
  );
  return rows.map((row) => row.user_id);
}
