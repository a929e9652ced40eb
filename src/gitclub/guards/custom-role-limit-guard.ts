import type { EntityManager } from '../../db/database.js';
import { refusal } from '../../errors/refusal.js';

/** Most custom roles one organization may define; more is role sprawl. */
export const maxCustomRolesPerOrganization = 20;

/**
 * CUSTOM_ROLE_LIMIT when the organization defines as many custom roles as it may. Call it with the
 * organization's row locked, so concurrent creations take turns on the count.
 */
export async function assertCustomRoleRoom(tx: EntityManager, organizationId: string): Promise<void> {
  const [count] = await tx.execute<{ count: string }[]>('select count(*) from roles where organization_id = ?', [organizationId]);
  if (Number(count?.count ?? 0) >= maxCustomRolesPerOrganization) {
    throw refusal(
      'CUSTOM_ROLE_LIMIT',
      `An organization may define at most ${maxCustomRolesPerOrganization} custom roles; reuse or delete one.`,
    );
  }
}
