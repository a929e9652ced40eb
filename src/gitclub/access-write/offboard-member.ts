import { notFoundError } from '@rolegate/authz';
import { transact, type UnitOfWork } from '../access-changes.js';
import type { RequestContext } from '../context.js';
import { allHeldIn, type HeldResourceRow } from '../access-holders/all-held-in.js';
import type { Actor } from './actor.js';
import { deleteRepositoryRolesIn, findAssignment } from './assignment-rows.js';
import { endOpenReviewItems } from './end-open-review-items.js';
import { endPendingRequests } from './end-pending-requests.js';
import { organizationPlace } from './place.js';
import { revokeGrantsIn } from './revoke-grants-in.js';
import { applyRoleChange } from './role-changes.js';

/** What an offboarding found and left: everything the person held in the organization before, and after (nothing). */
export interface OffboardingReport {
  readonly before: readonly HeldResourceRow[];
  readonly after: readonly HeldResourceRow[];
}

/** Why and by whom a person leaves an organization. */
export interface Offboarding {
  readonly organizationId: string;
  readonly userId: string;
  readonly reason: string;
}

/**
 * Ends everything a person holds in an organization, in one unit of work under the organization's
 * lock (NOT_FOUND when they hold nothing there): the undecided items about them in open access
 * reviews, decided as REVOKE with the reason as note; their membership through the write path's removal (its guards refuse the last admin; it
 * takes their repository roles, grants and pending requests with it), or, for an outside
 * collaborator, their repository roles, grants and requests directly. Their tokens go stale at
 * once (the authz version). What they held is read before and after in the same transaction
 * (accessOf's SQL), and one `member.offboarded` entry names the reason, the membership and every
 * repository role ended; the grants and requests ended have entries of their own (`because:
 * member.offboarded` for an outside collaborator, `membership.removed` for a member).
 */
export function offboardMember(context: RequestContext, actor: Actor, offboarding: Offboarding): Promise<OffboardingReport> {
  return transact(context, (unit) => offboardInUnit(unit, actor, offboarding));
}

/** `offboardMember`'s work inside a unit of work of any scope (a request's, or an operator's command's). */
export async function offboardInUnit(unit: UnitOfWork, actor: Actor, offboarding: Offboarding): Promise<OffboardingReport> {
  const { organizationId, userId, reason } = offboarding;
  await unit.lockOrganization(organizationId);
  const before = await allHeldIn(unit.tx, organizationId, userId);
  // Someone who holds nothing here (gone already, or no one) is as missing as a random id.
  if (before.length === 0) throw notFoundError();
  // Before the removal, so that each item says whether what it names still stood for the offboarding to end.
  const reviewItems = await endOpenReviewItems(unit, actor, userId, organizationId, reason);
  const place = organizationPlace(organizationId);
  const membership = await findAssignment(unit.tx, userId, place);
  const ended = membership
    ? await endMembership(unit, actor, userId, organizationId)
    : await endOutsideAccess(unit, userId, organizationId);
  await unit.changed([userId]);
  const after = await allHeldIn(unit.tx, organizationId, userId);
  unit.audit({
    organizationId,
    action: 'member.offboarded',
    targetUserId: userId,
    resourceType: 'organization',
    resourceId: organizationId,
    before: { held: before.length, resources: before.map((resource) => resource.name) },
    after: { reason, held: after.length, ...ended, reviewItemsRevoked: reviewItems },
  });
  return { before, after };
}

/** A member: the write path's removal, which ends what the membership carried and audits each. */
async function endMembership(unit: UnitOfWork, actor: Actor, userId: string, organizationId: string) {
  const repositoryRoles = await unit.tx.execute<{ repository: string; role: string }[]>(
    `select rep.name as repository, r.name as role from role_assignments ra join repositories rep on rep.id = ra.resource_id
     join roles r on r.id = ra.role_id where ra.user_id = ? and ra.resource_type = 'repository' and rep.organization_id = ?`,
    [userId, organizationId],
  );
  await applyRoleChange(unit, actor, { kind: 'remove', userId, place: organizationPlace(organizationId) });
  return { membership: 'removed', repositoryRoles };
}

/** An outside collaborator (no membership): their repository roles, grants and pending requests in the organization. */
async function endOutsideAccess(unit: UnitOfWork, userId: string, organizationId: string) {
  const repositoryRoles = await deleteRepositoryRolesIn(unit.tx, userId, organizationId);
  await revokeGrantsIn(unit, organizationId, userId, 'member.offboarded');
  await endPendingRequests(unit, userId, organizationId, 'member.offboarded');
  return { membership: 'none', repositoryRoles };
}
