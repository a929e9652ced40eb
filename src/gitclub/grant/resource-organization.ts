import { badUserInputError, notFoundError } from '../../authz/index.js';
import type { EntityManager } from '../../db/database.js';

/** The organization a resource belongs to (itself for an organization); NOT_FOUND when it does not exist. */
export async function organizationOf(em: EntityManager, resourceType: string, resourceId: string): Promise<string> {
  const sql = {
    organization: 'select id as organization_id from organizations where id = ?',
    repository: 'select organization_id from repositories where id = ?',
    issue: 'select r.organization_id from issues i join repositories r on r.id = i.repository_id where i.id = ?',
  }[resourceType];
  if (!sql) throw badUserInputError(`Permissions on a ${resourceType} cannot be granted or explained here.`, { argument: 'permission' });
  const [row] = await em.execute<{ organization_id: string }[]>(sql, [resourceId]);
  if (!row) throw notFoundError(resourceType, resourceId);
  return row.organization_id;
}
