import { badUserInputError } from '../../errors/graphql-errors.js';
import type { ReassignState } from '../access-write/access-states.js';
import { refusal } from '../../errors/refusal.js';
import type { EntityManager } from '../../db/database.js';
import { assertHoldsOrganizationWide, assertMayAssign } from './escalation-guard.js';
import { missingOn, missingOrganizationWide } from './held-permissions.js';
import { assertNotOwnRole } from './own-role-guard.js';
import { targetHoldsMoreError } from './target-guard.js';
import type { CustomRole, RoleHolder } from '../role/custom-role.js';
import type { RoleView } from '../role/role-view.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';

type ActorAuthorizer = GitClubAuthorizer;

/**
 * Refuses editing or deleting a custom role unless the actor holds every permission it gives now,
 * where roles are defined: an organization role on the organization, a repository role
 * organization-wide (as an admin or through the default role; see `missingOrganizationWide`).
 * Editing or deleting takes from every holder at once, and from every member when it is the
 * default repository role, so it needs what taking the role from each of them would need.
 */
export async function assertHoldsCustomRole(em: EntityManager, authorizer: ActorAuthorizer, role: CustomRole): Promise<void> {
  const missing =
    role.resourceType === 'organization'
      ? await missingOn(authorizer, role.permissions, 'organization', role.organizationId)
      : await missingOrganizationWide(em, authorizer, role.permissions, role.organizationId);
  if (missing.length > 0) throw targetHoldsMoreError(missing, `the role "${role.name}": it gives permissions`);
}

/**
 * Refuses adding permissions to a custom role the actor holds themselves (OWN_ROLE).
 * Note: they can only add what they hold, but on an organization that is what their own role gives
 * plus temporary grants, and on a repository where a lower explicit role replaces the default, what
 * that role took away: adding would make a grant permanent or undo the lower role. Taking
 * permissions away, renaming and describing stay possible: they only take away.
 */
export function assertNotRaisingOwnRole(
  actorId: string,
  role: CustomRole,
  permissions: readonly string[] | undefined,
  holders: readonly RoleHolder[],
): void {
  if (!permissions?.some((permission) => !role.permissions.includes(permission))) return;
  for (const holder of holders) assertNotOwnRole(actorId, holder.user_id);
}

/**
 * Refuses moving a deleted role's holders to `replacement` unless the actor may give it to them:
 * never to themselves (OWN_ROLE); an organization role as `changeMemberRole` would (`admin` also
 * needs the maintainer's permissions on every repository); a repository role held organization-wide,
 * like any repository role given at once on many repositories (PRIVILEGE_ESCALATION).
 * Note: the repository check is organization-wide rather than per holder's repository on purpose:
 * it is what defining or editing the same role needs, and the actor's access to a repository not
 * yet loaded would be read outside the transaction, which waits for it forever on embedded PGlite.
 */
export async function assertMayReassign(
  em: EntityManager,
  authorizer: ActorAuthorizer,
  actorId: string,
  role: CustomRole,
  replacement: RoleView,
  holders: readonly RoleHolder[],
): Promise<void> {
  for (const holder of holders) assertNotOwnRole(actorId, holder.user_id);
  if (role.resourceType === 'organization') {
    await assertMayAssign(em, authorizer, {
      role: replacement,
      resourceType: 'organization',
      resourceId: role.organizationId,
      organizationId: role.organizationId,
    });
  } else {
    await assertHoldsOrganizationWide(em, authorizer, replacement.permissions, role.organizationId);
  }
}

/** The write path's guard before moving a custom role's holders: the actor holds all the role gives (TARGET_HOLDS_MORE). */
export async function holdsReassignedRole({ tx, actor, role }: ReassignState): Promise<void> {
  if (actor.kind === 'user') await assertHoldsCustomRole(tx, actor.authorizer, role);
}

/** ROLE_IN_USE when a role still held is deleted without naming where its holders go. */
export function holdersHaveSomewhereToGo({ role, replacement, holders }: ReassignState): void {
  if (holders.length > 0 && !replacement) {
    throw refusal(
      'ROLE_IN_USE',
      `The role "${role.name}" is still held by ${holders.length} assignment(s); pass reassignTo to move them to another role.`,
    );
  }
}

/** BAD_USER_INPUT when the holders would be moved to the very role they leave. */
export function replacementIsAnotherRole({ role, replacement }: ReassignState): void {
  if (replacement?.id === role.id) throw badUserInputError('reassignTo must name another role.', { argument: 'input.reassignTo' });
}

/** The write path's guard: the actor may give the replacement to every holder (see `assertMayReassign`). */
export async function mayReassignHolders({ tx, actor, role, replacement, holders }: ReassignState): Promise<void> {
  if (actor.kind === 'user' && replacement && holders.length > 0)
    await assertMayReassign(tx, actor.authorizer, actor.id, role, replacement, holders);
}
