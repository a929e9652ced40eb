import { notFoundError } from '@rolegate/authz';
import { transact, type UnitOfWork } from '../access-changes.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { RequestContext } from '../context.js';
import type { PermissionGrant } from '../entities/permission-grant.entity.js';
import type { CustomRole } from '../role/custom-role.js';
import { findAssignableRole } from '../role/find-assignable-role.js';
import { findRoleViews } from '../role/role-view.js';
import { viewerActor, type Actor } from './actor.js';
import { holdersOf, moveHolders } from './assignment-rows.js';
import { auditRoleChange } from './audit-role-change.js';
import { createGrant, revokeGrantRow, type NewGrant } from './grant-rows.js';
import { runGuards } from './guard-table.js';
import { applyRoleChange, type RoleChangeOutcome, type RoleChangeRequest } from './role-changes.js';

/**
 * The one write path of access: every mutation that gives, changes or takes a role, a grant or a
 * membership calls one of these, and only this folder writes `role_assignments` and
 * `permission_grants` (a test holds every other file to it). Each runs the same pipeline in one
 * unit of work: lock, load what the target holds now, the change's guards from `guardTable`,
 * write, audit, and publish the changed access after commit. A refusal writes nothing.
 */

/** Gives, changes or takes away a user's role on an organization or repository, as the viewer. */
export async function changeRole(context: RequestContext, request: RoleChangeRequest, alreadyExists?: string): Promise<RoleChangeOutcome> {
  const actor = await preparedActor(context, request.place);
  return transact(context, (unit) => applyRoleChange(unit, actor, request), { alreadyExists });
}

/**
 * Moves every holder of a custom role to the role named `replacementName`, as the viewer, then
 * runs `then` in the same unit of work (deleting the role): refused with ROLE_IN_USE when the role
 * is held and no replacement is named. The role is re-read under its lock.
 */
export async function reassignAll(
  context: RequestContext,
  role: CustomRole,
  replacementName: string | undefined,
  then: (unit: UnitOfWork, role: CustomRole) => Promise<void>,
): Promise<void> {
  const actor = await preparedActor(context, { resourceType: 'organization', resourceId: role.organizationId });
  await transact(context, async (unit) => {
    const { tx } = unit;
    await unit.lockOrganization(role.organizationId);
    const current = await lockedRole(unit, role);
    const holders = await holdersOf(tx, current.id);
    const replacement =
      replacementName && holders.length > 0
        ? await findAssignableRole(tx, current.organizationId, replacementName, current.resourceType)
        : undefined;
    await runGuards('reassignAll', { tx, actor, role: current, replacement, holders });
    if (replacement && holders.length > 0) {
      await moveHolders(tx, current.id, replacement.id);
      for (const holder of holders) {
        // A custom role is held only in its own organization: the place needs no query.
        const place = { resourceType: current.resourceType, resourceId: holder.resource_id, organizationId: current.organizationId };
        auditRoleChange(unit, { kind: 'changed', actor, place, userId: holder.user_id, before: current.name, after: replacement.name });
      }
      await unit.changed(holders.map((holder) => holder.user_id));
    }
    await then(unit, current);
  });
}

/** Grants one permission on one resource directly, as the viewer: a temporary exception, or the approval of a request. */
export async function grantPermission(
  context: RequestContext,
  grant: NewGrant,
  /** Approving an access request: its guards re-check the requester, and `then` marks the request decided in the same unit. */
  approving?: { then: (unit: UnitOfWork) => Promise<void> },
): Promise<PermissionGrant> {
  const actor = await preparedActor(context, grant);
  // The requester's own decision on what they asked for, taken now (it reads outside the transaction).
  // A removal racing this approval takes the organization's lock too: first, it has ended the request
  // (`then` finds it decided); second, it revokes the grant this made.
  const requesterDecision = approving ? await decisionOf(context, grant.userId, grant) : undefined;
  return transact(context, async (unit) => {
    const { tx } = unit;
    await unit.lockOrganization(grant.organizationId);
    const state = { tx, actor, userId: grant.userId, grant };
    if (requesterDecision) await runGuards('grant:request', { ...state, requesterDecision });
    else await runGuards('grant', state);
    const created = await createGrant(unit, grant);
    await approving?.then(unit);
    return created;
  });
}

/** Revokes an active grant, as the viewer; false when it was revoked at the same moment. */
export async function revokeGrant(
  context: RequestContext,
  grant: { readonly id: string; readonly userId: string; readonly organizationId: string },
): Promise<boolean> {
  const actor = viewerActor(context);
  return transact(context, async (unit) => {
    await unit.lockOrganization(grant.organizationId);
    await runGuards('revoke', { tx: unit.tx, actor, grant });
    return revokeGrantRow(unit, grant);
  });
}

/**
 * The viewer as the actor, with what the guards will ask of their authorizer loaded now: inside
 * the transaction it would read outside it, and embedded PGlite's one connection would wait forever.
 */
async function preparedActor(
  context: RequestContext,
  place: { readonly resourceType: string; readonly resourceId: string },
): Promise<Actor> {
  const actor = viewerActor(context);
  if (actor.kind === 'user' && place.resourceType !== 'platform') await actor.authorizer.access(place.resourceType, place.resourceId);
  return actor;
}

/** How the decision goes for another user (the requester), with their roles read from the database. */
async function decisionOf(context: RequestContext, userId: string, grant: NewGrant): Promise<'allow' | 'forbidden' | 'not_found'> {
  const subject: AuthenticatedViewer = { id: userId, organizationRoles: new Map(), mayHoldGrants: true };
  const decision = await context.authorizerFor(subject).evaluate(grant.permission, grant.resourceType, grant.resourceId);
  return decision.outcome;
}

/** A custom role as it is now, its row locked until the transaction ends. */
async function lockedRole(unit: UnitOfWork, role: CustomRole): Promise<CustomRole> {
  await unit.tx.execute('select id from roles where id = ? for update', [role.id]);
  const [current] = await findRoleViews(unit.tx, 'r.id = ?', [role.id]);
  if (!current) throw notFoundError();
  return { ...role, name: current.name, permissions: current.permissions };
}
