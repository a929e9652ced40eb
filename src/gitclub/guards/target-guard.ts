import type { GraphQLError } from 'graphql';
import { quoted, refusal } from '../../errors/refusal.js';
import type { EntityManager } from '../../db/database.js';
import { heldAt, heldOnRepository, missingOfRole, missingOn, type HeldRole } from './held-permissions.js';
import type { RoleChangeState } from '../access-write/access-states.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';

/**
 * FORBIDDEN with `reason: TARGET_HOLDS_MORE` and the `missing` permissions: what the actor would
 * take away (from a role holder, or from every holder of a role) reaches further than their own.
 */
export function targetHoldsMoreError(missing: readonly string[], what = 'the role of someone holding permissions'): GraphQLError {
  return refusal('TARGET_HOLDS_MORE', `You cannot change or remove ${what} you do not hold yourself: ${quoted(missing)}.`, { missing });
}

/**
 * Refuses changing or removing a role assignment (a membership, an explicit repository role)
 * unless the actor holds everything its current role gives where it is held: a member manager
 * cannot demote or remove an admin, nor anyone whose role reaches further than their own.
 * Organization admins hold everything on their organization, so they may act on anyone.
 */
export async function assertHoldsTargetRole(em: EntityManager, authorizer: GitClubAuthorizer, current: HeldRole): Promise<void> {
  const missing = await missingOfRole(em, authorizer, current);
  if (missing.length > 0) throw targetHoldsMoreError(missing);
}

/**
 * Refuses changing or removing what a user holds on one repository (`heldOnRepository`: as an
 * admin, through an explicit or the default role) unless the actor holds all of it there: a role
 * manager cannot touch the repository role of an admin, who holds every permission there.
 */
export async function assertHoldsTargetPermissions(
  authorizer: GitClubAuthorizer,
  held: readonly string[],
  repositoryId: string,
): Promise<void> {
  const missing = await missingOn(authorizer, held, 'repository', repositoryId);
  if (missing.length > 0) throw targetHoldsMoreError(missing);
}

/** The write path's guard: TARGET_HOLDS_MORE when the actor does not hold all the current role gives where it is held. */
export async function mayTakeCurrentRole({ tx, actor, place, current }: RoleChangeState): Promise<void> {
  if (actor.kind === 'user' && current) await assertHoldsTargetRole(tx, actor.authorizer, heldAt(place, current.role));
}

/**
 * The write path's guard for a repository: TARGET_HOLDS_MORE unless the actor holds there all the
 * user holds there now (as an admin, through an explicit or the default role), which the change replaces.
 */
export async function mayTakeHeldOnRepository({ tx, actor, place, userId }: RoleChangeState): Promise<void> {
  if (actor.kind === 'user')
    await assertHoldsTargetPermissions(actor.authorizer, await heldOnRepository(tx, place.resourceId, userId), place.resourceId);
}
