import type { EntityManager } from '../../db/database.js';
import { refusal } from '../../errors/refusal.js';
import { organizationOwnerRole } from '../policy/policy.js';
import { roleSatisfies } from '../policy/built-in-roles.js';
import type { RoleChangeState } from '../access-write/access-states.js';

/**
 * Refuses demoting or removing `leavingUserId` unless the organization keeps another admin
 * (LAST_ADMIN). Call it with the organization's row locked (`UnitOfWork.lockOrganization`), so two
 * admins demoting each other at the same moment take turns and the second is refused.
 */
export async function assertAnotherAdmin(em: EntityManager, organizationId: string, leavingUserId: string): Promise<void> {
  const [row] = await em.execute<{ count: string }[]>(
    `select count(*) from role_assignments ra join roles r on r.id = ra.role_id
     where ra.resource_type = 'organization' and ra.resource_id = ? and r.name = ? and r.organization_id is null and ra.user_id <> ?`,
    [organizationId, organizationOwnerRole, leavingUserId],
  );
  if (Number(row?.count ?? 0) === 0) {
    throw refusal('LAST_ADMIN', 'An organization must keep at least one admin; promote another member first.');
  }
}

/** The write path's guard: LAST_ADMIN when the change takes an admin's role and the organization keeps no other admin. */
export async function keepsAnAdmin({ tx, place, userId, current, next }: RoleChangeState): Promise<void> {
  if (place.resourceType !== 'organization' || !current) return;
  if (roleSatisfies(current.role.name, organizationOwnerRole) && !roleSatisfies(next?.name, organizationOwnerRole))
    await assertAnotherAdmin(tx, place.resourceId, userId);
}
