import type { EntityManager } from '../../db/database.js';
import { roleSatisfies } from '../policy/built-in-roles.js';
import { defaultRoleRecipient, organizationOwnerRole } from '../policy/policy.js';
import { findRoleViews, type RoleView } from '../role/role-view.js';

/**
 * The organization's default repository role as `userId` holds it where they hold no explicit
 * role: only members (and roles implying member) get it; none for everyone else, and none for
 * admins, who are maintainers whatever their repository roles say.
 *
 * Note: an explicit role replaces it, even a lower one, so the guards treat it as the role that
 * giving someone an explicit role takes away, and that removing their explicit role gives back.
 */
export async function defaultRepositoryRoleOf(em: EntityManager, organizationId: string, userId: string): Promise<RoleView | undefined> {
  const [membership] = await em.execute<{ name: string }[]>(
    `select r.name from role_assignments ra join roles r on r.id = ra.role_id
     where ra.user_id = ? and ra.resource_type = 'organization' and ra.resource_id = ?`,
    [userId, organizationId],
  );
  if (!roleSatisfies(membership?.name, defaultRoleRecipient) || roleSatisfies(membership?.name, organizationOwnerRole)) return undefined;
  const [role] = await findRoleViews(em, 'r.id = (select o.default_repository_role_id from organizations o where o.id = ?)', [
    organizationId,
  ]);
  return role;
}
