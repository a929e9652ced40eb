import { transact, type UnitOfWork } from '../access-changes.js';
import type { RequestContext } from '../context.js';
import { creatorRole } from '../policy/policy.js';
import { viewerActor } from './actor.js';
import { applyCreatorRole } from './role-changes.js';

/** A resource type whose creator receives a role on what they create (organization, repository). */
export type CreatedResourceType = keyof typeof creatorRole;

/**
 * Creates an organization or repository and gives the viewer, its creator, the policy's creator
 * role there (admin, maintainer), audited as the assignment it is, in one unit of work: `create`
 * builds the resource and says which organization it belongs to; a name taken by a creation
 * racing this one answers ALREADY_EXISTS with the message `taken`.
 */
export async function createWithCreatorRole<T extends { id: string }>(
  context: RequestContext,
  resourceType: CreatedResourceType,
  taken: string,
  create: (unit: UnitOfWork) => Promise<{ created: T; organizationId: string }>,
): Promise<T> {
  const actor = viewerActor(context);
  return transact(
    context,
    async (unit) => {
      const { created, organizationId } = await create(unit);
      // The resource's row must exist before the role on it is written by SQL.
      await unit.tx.flush();
      await applyCreatorRole(unit, actor, { resourceType, resourceId: created.id, organizationId }, creatorRole[resourceType]);
      return created;
    },
    { alreadyExists: taken },
  );
}
