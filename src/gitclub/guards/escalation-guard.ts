import type { EntityManager } from '../../db/database.js';
import { quoted, refusal } from '../../errors/refusal.js';
import { heldAt, missingOfRole, missingOn, missingOrganizationWide, type HeldRole } from './held-permissions.js';
import type { GrantState, RoleChangeState } from '../access-write/access-states.js';
import { defaultRepositoryRoleOf } from '../repository/default-repository-role.js';
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

/** The write path's guard: PRIVILEGE_ESCALATION when the role given reaches further than the actor (see `assertMayAssign`). */
export async function mayGiveRole({ tx, actor, place, next }: RoleChangeState): Promise<void> {
  if (actor.kind === 'user' && next) await assertMayAssign(tx, actor.authorizer, heldAt(place, next));
}

/**
 * The write path's guard for removing a repository role: a member falls back on the
 * organization's default role, which may hold more, so removing gives it (PRIVILEGE_ESCALATION).
 */
export async function mayGiveFallback({ tx, actor, place, userId }: RoleChangeState): Promise<void> {
  if (actor.kind !== 'user' || !place.organizationId) return;
  const fallback = await defaultRepositoryRoleOf(tx, place.organizationId, userId);
  if (fallback) await assertMayAssign(tx, actor.authorizer, heldAt(place, fallback));
}

/** The write path's guard for grants: PRIVILEGE_ESCALATION unless the actor holds the permission granted there. */
export async function holdsGrantedPermission({ actor, grant }: GrantState): Promise<void> {
  if (actor.kind === 'user') await assertHoldsAll(actor.authorizer, [grant.permission], grant.resourceType, grant.resourceId);
}
