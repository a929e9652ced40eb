import type { UnitOfWork } from '../access-changes.js';
import { findRoleViews } from '../role/role-view.js';
import { auditRoleChange } from './audit-role-change.js';
import { revokeGrantsIn } from './revoke-grants-in.js';
import type { Actor } from './actor.js';
import type { RoleChangeState } from './access-states.js';
import {
  deleteAssignment,
  deleteAssignmentsOn,
  deleteRepositoryRolesIn,
  findAssignment,
  insertAssignment,
  resolvePlace,
  updateAssignment,
  type PlaceRef,
} from './assignment-rows.js';
import { endPendingRequests } from './end-pending-requests.js';
import { runGuards } from './guard-table.js';
import type { Place } from './place.js';
import { roleToGive } from './role-to-give.js';

/** One change of someone's role on a place, as a caller asks for it. */
export interface RoleChangeRequest {
  /** `assign` a new role, `change` the one held, `remove` it; `set` assigns or changes, whichever applies. */
  readonly kind: 'assign' | 'change' | 'remove' | 'set';
  readonly userId: string;
  readonly place: PlaceRef;
  /** The role given, by name: a built-in role of the place's type, or the organization's custom role. Not for `remove`. */
  readonly roleName?: string;
}

/** What a role change did: `unchanged` when the user already held that role there. */
export type RoleChangeOutcome = 'changed' | 'unchanged';

/**
 * The write path of one role change, inside a unit of work: lock the organization (changes in one
 * organization take turns, so guards that count rows see each other's writes), load what the
 * user holds there now and the role given, run that change's guards from the guard table, write,
 * audit, and mark the user's access changed (published after commit).
 */
export async function applyRoleChange(unit: UnitOfWork, actor: Actor, request: RoleChangeRequest): Promise<RoleChangeOutcome> {
  const { tx } = unit;
  const place = await lockedPlace(unit, request.place);
  const current = await findAssignment(tx, request.userId, place);
  const next = request.kind === 'remove' ? undefined : await roleToGive(unit, place, request.roleName);
  const kind = request.kind === 'set' ? (current ? 'change' : 'assign') : request.kind;
  const state: RoleChangeState = { tx, actor, userId: request.userId, place, current, next };
  await runGuards(`${kind}:${place.resourceType}`, state);
  if (current?.role.id === next?.id) return 'unchanged';
  if (!next) await removeWithWhatItCarried(unit, state);
  else {
    if (current) await updateAssignment(tx, current.id, next.id);
    else await insertAssignment(tx, request.userId, next.id, place);
    audit(unit, state, current ? 'changed' : 'added');
  }
  await unit.changed([request.userId]);
  return 'changed';
}

/**
 * Gives the creator of an organization or repository its creator role there, in the unit of work
 * that creates it (the `creator` row of the guard table: nothing to weigh).
 */
export async function applyCreatorRole(unit: UnitOfWork, actor: Actor, place: Place, roleName: string): Promise<void> {
  const [role] = await findRoleViews(unit.tx, 'r.name = ? and r.organization_id is null', [roleName]);
  if (!role) throw new Error(`The built-in role "${roleName}" is missing; the policy sync did not run.`);
  const userId = actor.id;
  if (!userId) throw new Error('A creator role goes to a user.');
  const state: RoleChangeState = { tx: unit.tx, actor, userId, place, current: undefined, next: role };
  await runGuards('creator', state);
  await insertAssignment(unit.tx, userId, role.id, place);
  audit(unit, state, 'added');
  await unit.changed([userId]);
}

/**
 * Removes an assignment. Leaving an organization also ends what one held through it: the explicit
 * repository roles there (named in the audit entry), the direct grants (each audited) and the
 * access requests waiting for an answer.
 */
async function removeWithWhatItCarried(unit: UnitOfWork, state: RoleChangeState): Promise<void> {
  const { tx } = unit;
  const { place, userId, current } = state;
  if (!current) return;
  await deleteAssignment(tx, current.id);
  if (place.resourceType !== 'organization') return audit(unit, state, 'removed');
  const repositoryRoles = await deleteRepositoryRolesIn(tx, userId, place.resourceId);
  audit(unit, state, 'removed', repositoryRoles.length > 0 ? { repositoryRoles } : undefined);
  await revokeGrantsIn(unit, place.resourceId, userId, 'membership.removed');
  await endPendingRequests(unit, userId, place.resourceId, 'membership.removed');
}

function audit(unit: UnitOfWork, state: RoleChangeState, kind: 'added' | 'changed' | 'removed', ended?: Record<string, unknown>): void {
  const { place, userId, current, next, actor } = state;
  auditRoleChange(unit, { kind, actor, place, userId, before: current?.role.name, after: next?.name, ended });
}

/**
 * Ends every role held on an organization (and its repositories) or a repository, in the unit of
 * work that deletes it: the holders' access is marked changed; the deletion's own audit entry
 * records it. Requests waiting for access to a deleted repository (or its issues) go with it.
 */
export async function endAllAccessOn(unit: UnitOfWork, ref: PlaceRef): Promise<void> {
  const place = await lockedPlace(unit, ref);
  const holders = await deleteAssignmentsOn(unit.tx, place);
  if (place.resourceType === 'repository') {
    await unit.tx.execute(
      `delete from access_requests where status = 'pending'
         and (resource_id = ? or resource_id in (select id from issues where repository_id = ?))`,
      [place.resourceId, place.resourceId],
      'run',
    );
  }
  await unit.changed(holders);
}

/**
 * The place with its organization's row locked (NOT_FOUND when it is gone). An organization is
 * found by locking it; a repository is read again under the lock, in case it was deleted meanwhile,
 * unless the unit held that lock already when it read it (deleting a repository takes it too).
 */
async function lockedPlace(unit: UnitOfWork, ref: PlaceRef): Promise<Place> {
  if (ref.resourceType === 'organization') {
    await unit.lockOrganization(ref.resourceId);
    return { ...ref, organizationId: ref.resourceId };
  }
  const place = await resolvePlace(unit.tx, ref);
  if (!place.organizationId || unit.holdsOrganizationLock(place.organizationId)) return place;
  await unit.lockOrganization(place.organizationId);
  return resolvePlace(unit.tx, ref);
}
