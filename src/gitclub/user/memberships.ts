import type { EntityManager } from '../../db/database.js';

/** Organization id -> role name for a user, as access tokens carry it. */
export async function organizationRolesOf(em: EntityManager, userId: string): Promise<Map<string, string>> {
  const rows = await em.execute<{ organization_id: string; role_name: string }[]>(
    `select ra.resource_id as organization_id, r.name as role_name from role_assignments ra
     join roles r on r.id = ra.role_id
     where ra.user_id = ? and ra.resource_type = 'organization' order by ra.created_at`,
    [userId],
  );
  return new Map(rows.map((row) => [row.organization_id, row.role_name]));
}
