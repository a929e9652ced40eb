import { badUserInputError } from '../../input/bad-user-input-error.js';
import type { EntityManager } from '../../db/database.js';
import { PermissionGrantEntity, type PermissionGrant } from '../entities/permission-grant.entity.js';
import { findRoleViews, type RoleView } from '../role/role-view.js';

/** The governance report of one organization (see `RoleReport` in schema/governance.graphql). */
export interface RoleReport {
  readonly unusedCustomRoles: { role: RoleView; holders: number; lastAssignedAt: string | null; reason: string }[];
  readonly duplicateRoles: RoleView[][];
  readonly membersWithGrants: { userId: string; activeGrants: number }[];
  readonly grantsExpiringSoon: PermissionGrant[];
  readonly holdersPerRole: { role: RoleView; holders: number }[];
}

/** Builds the report in a handful of queries; shared by `Organization.roleReport` and `npm run roles:report`. */
export async function buildRoleReport(em: EntityManager, organizationId: string, unusedDays = 90): Promise<RoleReport> {
  if (!Number.isInteger(unusedDays) || unusedDays < 1 || unusedDays > 3650)
    throw badUserInputError('"unusedDays" must be from 1 to 3650.', { argument: 'unusedDays' });
  const roles = await findRoleViews(em, "(r.organization_id = ? or (r.built_in and r.resource_type in ('organization', 'repository')))", [
    organizationId,
  ]);
  const usage = await em.execute<{ role_id: string; holders: string; last_assigned_at: Date | null }[]>(
    `select ra.role_id, count(*) as holders, max(ra.created_at) as last_assigned_at from role_assignments ra
     where (ra.resource_type = 'organization' and ra.resource_id = ?)
        or (ra.resource_type = 'repository' and ra.resource_id in (select id from repositories where organization_id = ?))
     group by ra.role_id`,
    [organizationId, organizationId],
  );
  const usageOf = new Map(usage.map((row) => [row.role_id, row]));
  const cutoff = Date.now() - unusedDays * 86_400_000;
  const unusedCustomRoles = roles.flatMap((role) => {
    if (role.builtIn) return [];
    const used = usageOf.get(role.id);
    const holders = Number(used?.holders ?? 0);
    const lastAssigned = used?.last_assigned_at ? new Date(used.last_assigned_at) : null;
    if (holders === 0) return [{ role, holders, lastAssignedAt: lastAssigned?.toISOString() ?? null, reason: 'Nobody holds it.' }];
    if (lastAssigned && lastAssigned.getTime() < cutoff) {
      return [{ role, holders, lastAssignedAt: lastAssigned.toISOString(), reason: `Not given to anyone for ${unusedDays} days.` }];
    }
    return [];
  });
  const bySet = new Map<string, RoleView[]>();
  for (const role of roles) {
    const key = `${role.resourceType}|${[...role.permissions].sort().join(',')}`;
    bySet.set(key, [...(bySet.get(key) ?? []), role]);
  }
  const grantRows = await em.execute<{ user_id: string; grants: string }[]>(
    `select user_id, count(*) as grants from permission_grants where organization_id = ? and revoked_at is null and expires_at > now() group by user_id order by count(*) desc`,
    [organizationId],
  );
  const grantsExpiringSoon = await em.find(
    PermissionGrantEntity,
    { organizationId, revokedAt: null, expiresAt: { $gt: new Date(), $lte: new Date(Date.now() + 7 * 86_400_000) } },
    { orderBy: { expiresAt: 'asc' } },
  );
  return {
    unusedCustomRoles,
    duplicateRoles: [...bySet.values()].filter((group) => group.length > 1),
    membersWithGrants: grantRows.map((row) => ({ userId: row.user_id, activeGrants: Number(row.grants) })),
    grantsExpiringSoon,
    holdersPerRole: roles.map((role) => ({ role, holders: Number(usageOf.get(role.id)?.holders ?? 0) })),
  };
}
