import type { EntityManager } from '../../db/database.js';

/**
 * The organizations where a user holds anything: a role in the organization, a role on one of its
 * repositories, or an active direct grant there. What an offboarding across organizations walks.
 */
export function organizationsOfHolder(em: EntityManager, userId: string): Promise<{ id: string; login: string }[]> {
  return em.execute<{ id: string; login: string }[]>(
    `select o.id, o.login from organizations o where
       exists (select 1 from role_assignments ra where ra.user_id = ? and ra.resource_type = 'organization' and ra.resource_id = o.id)
       or exists (select 1 from role_assignments ra join repositories rep on rep.id = ra.resource_id
                  where ra.user_id = ? and ra.resource_type = 'repository' and rep.organization_id = o.id)
       or exists (select 1 from permission_grants g where g.user_id = ? and g.organization_id = o.id and g.revoked_at is null and g.expires_at > now())
     order by o.login`,
    [userId, userId, userId],
  );
}
