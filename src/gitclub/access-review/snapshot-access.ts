import type { EntityManager } from '../../db/database.js';
import { resourceTypes, type TenantResourceType } from '../resources.js';

/**
 * The name people know a resource by (`beatles/infra#3`), for a type and id column of the same
 * row: the resource registry's `organizationOfSql` of each type, so it cannot differ from the
 * names grants, requests and explanations show.
 */
function resourceNameSql(typeColumn: string, idColumn: string): string {
  const types: TenantResourceType[] = ['organization', 'repository', 'issue'];
  const cases = types.map(
    (type) => `when '${type}' then (select name from (${resourceTypes[type].organizationOfSql.replace('?', idColumn)}) named)`,
  );
  return `case ${typeColumn} ${cases.join(' ')} end`;
}

/**
 * Every item of access in an organization, one row per person and thing held, as the snapshot
 * reads them (`?` is the organization's id, once per kind): each membership and each explicit
 * repository role (custom ones included: one item per assignment, its role named), and each
 * active direct grant. Platform roles are not the organization's and are left out.
 */
const heldInOrganization = `
  select ra.user_id, 'membership' as kind, 0 as kind_order, ra.id as assignment_id, r.id as role_id, r.name as role_name,
         not r.built_in as custom_role, null::uuid as grant_id, null as permission, null::timestamptz as expires_at,
         'organization' as resource_type, o.id as resource_id, o.login as resource_name
    from role_assignments ra join roles r on r.id = ra.role_id join organizations o on o.id = ra.resource_id
   where ra.resource_type = 'organization' and ra.resource_id = ?
  union all
  select ra.user_id, 'repository_role', 1, ra.id, r.id, r.name, not r.built_in, null, null, null,
         'repository', rep.id, o.login || '/' || rep.name
    from role_assignments ra join repositories rep on rep.id = ra.resource_id join organizations o on o.id = rep.organization_id
    join roles r on r.id = ra.role_id
   where ra.resource_type = 'repository' and rep.organization_id = ?
  union all
  select g.user_id, 'grant', 2, null, null, null, false, g.id, g.permission, g.expires_at,
         g.resource_type, g.resource_id, ${resourceNameSql('g.resource_type', 'g.resource_id')}
    from permission_grants g
   where g.organization_id = ? and g.revoked_at is null and g.expires_at > now()`;

/**
 * Takes a review's snapshot in one statement: every item of access in its organization, numbered
 * in the order reviewers read them (by login, then the membership, repository roles and grants,
 * each by name). Returns how many items it holds.
 */
export async function snapshotAccess(tx: EntityManager, reviewId: string, organizationId: string): Promise<number> {
  const [row] = await tx.execute<{ count: string }[]>(
    `with inserted as (insert into access_review_items (id, review_id, organization_id, position, user_id, kind, assignment_id, role_id, role_name,
       custom_role, grant_id, permission, expires_at, resource_type, resource_id, resource_name)
     select gen_random_uuid(), ?, ?,
       row_number() over (order by u.login, held.kind_order, held.resource_name, held.permission, held.assignment_id, held.grant_id),
       held.user_id, held.kind, held.assignment_id, held.role_id, held.role_name, held.custom_role, held.grant_id, held.permission,
       held.expires_at, held.resource_type, held.resource_id, held.resource_name
     from (${heldInOrganization}) held join users u on u.id = held.user_id
     returning 1)
     select count(*) from inserted`,
    [reviewId, organizationId, organizationId, organizationId, organizationId],
  );
  return Number(row?.count ?? 0);
}
