import type { EntityManager } from '../../db/database.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import type { User } from '../entities/user.entity.js';
import { findRoleViews, type RoleView } from '../role/role-view.js';
import { sqlArray } from '../../db/sql-array.js';

/** A membership as the API shows it. */
export interface MembershipView {
  readonly user: User;
  readonly organization: { id: string };
  readonly role: RoleView;
}

interface MembershipRow {
  organization_id: string;
  role_id: string;
}

/** A user's memberships (organization role assignments), ordered by organization login. */
export async function loadMemberships(em: EntityManager, user: User): Promise<MembershipView[]> {
  const rows = await em.execute<MembershipRow[]>(
    `select ra.resource_id as organization_id, ra.role_id from role_assignments ra
     join organizations o on o.id = ra.resource_id
     where ra.user_id = ? and ra.resource_type = 'organization' order by o.login`,
    [user.id],
  );
  if (rows.length === 0) return [];
  const roles = new Map(
    (await findRoleViews(em, 'r.id = any(?::uuid[])', [sqlArray(rows.map((row) => row.role_id))])).map((role) => [role.id, role]),
  );
  const organizations = new Map(
    (await em.find(OrganizationEntity, { id: { $in: rows.map((row) => row.organization_id) } })).map((organization) => [
      organization.id,
      organization,
    ]),
  );
  return rows.flatMap((row) => {
    const role = roles.get(row.role_id);
    const organization = organizations.get(row.organization_id);
    return role && organization ? [{ user, organization, role }] : [];
  });
}

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
