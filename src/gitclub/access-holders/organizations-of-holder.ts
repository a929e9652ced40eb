import type { EntityManager } from '../../db/database.js';
import { sql, type SqlQuery } from '../../db/sql-query.js';

/**
 * The ids of the organizations where a user holds anything, as a subquery: a role in the
 * organization, a role on one of its repositories, or an active direct grant there.
 */
export function organizationsOfHolderSql(userId: string): SqlQuery {
  return sql`select o.id from organizations o where
       exists (select 1 from role_assignments ra where ra.user_id = ${userId} and ra.resource_type = 'organization' and ra.resource_id = o.id)
       or exists (select 1 from role_assignments ra join repositories rep on rep.id = ra.resource_id
                  where ra.user_id = ${userId} and ra.resource_type = 'repository' and rep.organization_id = o.id)
       or exists (select 1 from permission_grants g where g.user_id = ${userId} and g.organization_id = o.id
                  and g.revoked_at is null and g.expires_at > now())`;
}

/** The organizations where a user holds anything (`organizationsOfHolderSql`), by login: what an offboarding across organizations walks. */
export async function organizationsOfHolder(em: EntityManager, userId: string): Promise<{ id: string; login: string }[]> {
  const query = sql`select id, login from organizations where id in (${organizationsOfHolderSql(userId)}) order by login`;
  return em.execute<{ id: string; login: string }[]>(query.sql, [...query.params]);
}
