import { notFoundError } from '@rolegate/authz';
import { badUserInputError } from '../../input/bad-user-input-error.js';
import type { EntityManager } from '../../db/database.js';

const organizationOfSql: Readonly<Record<string, string>> = {
  organization: 'select id as organization_id from organizations where id = ?',
  repository: 'select organization_id from repositories where id = ?',
  issue: 'select r.organization_id from issues i join repositories r on r.id = i.repository_id where i.id = ?',
};

/**
 * Refuses, before any lookup, a permission whose resource type belongs to no organization (users,
 * the platform): such permissions cannot be granted or explained here.
 */
export function requireTenantResourceType(resourceType: string): string {
  if (!organizationOfSql[resourceType])
    throw badUserInputError(`Permissions on a ${resourceType} cannot be granted or explained here.`, { argument: 'permission' });
  return resourceType;
}

/**
 * The organization a resource belongs to (itself for an organization); NOT_FOUND when it does not
 * exist. Call it once the viewer is known to see the resource: it answers for any id.
 */
export async function organizationOf(em: EntityManager, resourceType: string, resourceId: string): Promise<string> {
  const [row] = await em.execute<{ organization_id: string }[]>(organizationOfSql[requireTenantResourceType(resourceType)] as string, [
    resourceId,
  ]);
  if (!row) throw notFoundError();
  return row.organization_id;
}
