import type { EntityManager } from '../../db/database.js';
import { quoted, refusal } from '../errors.js';
import { missingOfRole, missingOn, missingOrganizationWide, type HeldRole } from './held-permissions.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';

function refuseMissing(missing: readonly string[]): void {
  if (missing.length > 0)
    throw refusal('PRIVILEGE_ESCALATION', `You cannot give permissions you do not hold yourself: ${quoted(missing)}.`, { missing });
}

/**
 * Refuses an assignment, grant or role definition carrying a permission the actor does not hold
 * on the resource: nobody can hand out more than they have.
 */
export async function assertHoldsAll(
  authorizer: GitClubAuthorizer,
  permissions: readonly string[],
  resourceType: string,
  resourceId: string,
): Promise<void> {
  refuseMissing(await missingOn(authorizer, permissions, resourceType, resourceId));
}

/**
 * The same for repository permissions given organization-wide (a custom repository role, the
 * default repository role): the actor must hold them on every repository where they hold no
 * explicit role, that is, as an admin or through the organization's default role.
 */
export async function assertHoldsOrganizationWide(
  em: EntityManager,
  authorizer: GitClubAuthorizer,
  permissions: readonly string[],
  organizationId: string,
): Promise<void> {
  refuseMissing(await missingOrganizationWide(em, authorizer, permissions, organizationId));
}

/**
 * Refuses assigning a role that gives more than the actor holds where it would be held; giving
 * `admin` also needs the maintainer's permissions on every repository (see `missingOfRole`).
 */
export async function assertMayAssign(em: EntityManager, authorizer: GitClubAuthorizer, assigned: HeldRole): Promise<void> {
  refuseMissing(await missingOfRole(em, authorizer, assigned));
}
