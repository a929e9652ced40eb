import { badUserInputError } from '../../errors/graphql-errors.js';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
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

/** Builds one organization's report; shared by `npm run roles:report` (see `buildRoleReports`). */
export async function buildRoleReport(em: EntityManager, organizationId: string, unusedDays = 90): Promise<RoleReport> {
  const report = (await buildRoleReports(em, [organizationId], unusedDays)).get(organizationId);
  if (!report) throw new Error(`No role report for organization ${organizationId}.`);
  return report;
}

/**
 * Builds the reports of several organizations in a handful of queries, whatever their number
 * (`Organization.roleReport` batches through the request's loaders); BAD_USER_INPUT, before any
 * query, for `unusedDays` out of 1 to 3650.
 */
export async function buildRoleReports(
  em: EntityManager,
  organizationIds: readonly string[],
  unusedDays = 90,
): Promise<ReadonlyMap<string, RoleReport>> {
  if (!Number.isInteger(unusedDays) || unusedDays < 1 || unusedDays > 3650)
    throw badUserInputError('"unusedDays" must be from 1 to 3650.', { argument: 'unusedDays' });
  const ids = sqlArray(organizationIds);
  const allRoles = await findRoleViews(
    em,
    "(r.organization_id = any(?::uuid[]) or (r.built_in and r.resource_type in ('organization', 'repository')))",
    [ids],
  );
  const usage = await em.execute<{ organization_id: string; role_id: string; holders: string; last_assigned_at: Date | null }[]>(
    `select held.organization_id, held.role_id, count(*) as holders, max(held.created_at) as last_assigned_at from (
       select ra.resource_id as organization_id, ra.role_id, ra.created_at from role_assignments ra
       where ra.resource_type = 'organization' and ra.resource_id = any(?::uuid[])
       union all
       select r.organization_id, ra.role_id, ra.created_at from role_assignments ra join repositories r on r.id = ra.resource_id
       where ra.resource_type = 'repository' and r.organization_id = any(?::uuid[])
     ) held
     group by held.organization_id, held.role_id`,
    [ids, ids],
  );
  const grantRows = await em.execute<{ organization_id: string; user_id: string; grants: string }[]>(
    `select organization_id, user_id, count(*) as grants from permission_grants
     where organization_id = any(?::uuid[]) and revoked_at is null and expires_at > now()
     group by organization_id, user_id order by count(*) desc`,
    [ids],
  );
  const expiringSoon = await em.find(
    PermissionGrantEntity,
    {
      organizationId: { $in: [...organizationIds] },
      revokedAt: null,
      expiresAt: { $gt: new Date(), $lte: new Date(Date.now() + 7 * 86_400_000) },
    },
    { orderBy: { expiresAt: 'asc' } },
  );
  const cutoff = Date.now() - unusedDays * 86_400_000;
  return new Map(
    organizationIds.map((organizationId) => {
      const roles = allRoles.filter((role) => role.builtIn || role.organizationId === organizationId);
      const usageOf = new Map(usage.filter((row) => row.organization_id === organizationId).map((row) => [row.role_id, row]));
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
      const report: RoleReport = {
        unusedCustomRoles,
        duplicateRoles: [...bySet.values()].filter((group) => group.length > 1),
        membersWithGrants: grantRows
          .filter((row) => row.organization_id === organizationId)
          .map((row) => ({ userId: row.user_id, activeGrants: Number(row.grants) })),
        grantsExpiringSoon: expiringSoon.filter((grant) => grant.organizationId === organizationId),
        holdersPerRole: roles.map((role) => ({ role, holders: Number(usageOf.get(role.id)?.holders ?? 0) })),
      };
      return [organizationId, report];
    }),
  );
}
