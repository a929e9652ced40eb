import { notFoundError } from '@rolegate/authz';
import { badUserInputError } from '../../input/bad-user-input-error.js';
import { transact } from '../access-changes.js';
import { assertNotOwnRole } from '../guards/own-role-guard.js';
import { requireViewer, type RequestContext } from '../context.js';
import { PermissionGrantEntity, type PermissionGrant } from '../entities/permission-grant.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { assertHoldsAll } from '../guards/escalation-guard.js';
import { requireText, requireUuid } from '../validation.js';
import { parseInstant } from '../instant-argument.js';
import { requireTenantPermission } from './tenant-permission.js';

/** Exceptions: grant one permission on one resource, with a reason and an expiry; revoke it. */
export const grantResolvers = {
  Organization: {
    grants: (organization: { id: string }, _args: unknown, context: RequestContext) => context.loaders.activeGrants.load(organization.id),
  },
  PermissionGrant: {
    user: (grant: PermissionGrant, _args: unknown, context: RequestContext) => context.loaders.user.load(grant.user.id),
    grantedBy: (grant: PermissionGrant, _args: unknown, context: RequestContext) =>
      grant.grantedBy ? context.loaders.user.load(grant.grantedBy.id) : null,
    resourceType: (grant: PermissionGrant) => grant.resourceType.toUpperCase(),
    expiresAt: (grant: PermissionGrant) => grant.expiresAt.toISOString(),
    createdAt: (grant: PermissionGrant) => grant.createdAt.toISOString(),
  },
  Mutation: {
    grantPermission: async (
      _: unknown,
      { input }: { input: { userId: string; permission: string; resourceId: string; reason: string; expiresAt: string } },
      context: RequestContext,
    ) => {
      const { viewer, authorizer } = requireViewer(context);
      const userId = requireUuid(input.userId, 'input.userId');
      const reason = requireText(input.reason, 'input.reason', 500, 3);
      const expiresAt = requireExpiry(input.expiresAt, context.grantMaxDays);
      const { permission, resourceType, resourceId, organizationId } = await requireTenantPermission(
        context.em,
        authorizer,
        { permission: input.permission, resourceId: requireUuid(input.resourceId, 'input.resourceId') },
        'input.',
      );
      await authorizer.authorize('manage_members:organization', 'organization', organizationId);
      await assertHoldsAll(authorizer, [permission], resourceType, resourceId);
      assertNotOwnRole(viewer.id, userId);
      const grant = await transact(context, async ({ tx, audit, changed }) => {
        if (!(await tx.findOne(UserEntity, { id: userId }))) throw notFoundError();
        const created = tx.create(PermissionGrantEntity, {
          user: userId,
          permission,
          resourceType,
          resourceId,
          organizationId,
          reason,
          expiresAt,
          grantedBy: viewer.id,
          revokedAt: null,
          revokedBy: null,
        });
        audit({
          organizationId,
          action: 'grant.created',
          targetUserId: userId,
          resourceType,
          resourceId,
          after: { grant: created.id, permission, reason, expiresAt: expiresAt.toISOString() },
        });
        await changed([userId]);
        return created;
      });
      return { grant };
    },

    revokeGrant: async (_: unknown, { input }: { input: { grantId: string } }, context: RequestContext) => {
      const { authorizer } = requireViewer(context);
      const grant = await context.em.findOne(PermissionGrantEntity, { id: requireUuid(input.grantId, 'input.grantId'), revokedAt: null });
      // Grants are seen only by those who manage members there: to anyone else one is as missing as a random id.
      if (!grant || !(await authorizer.can('manage_members:organization', 'organization', grant.organizationId))) throw notFoundError();
      await transact(context, async ({ tx, actorId, audit, changed }) => {
        await tx.execute('update permission_grants set revoked_at = now(), revoked_by_id = ? where id = ?', [actorId, grant.id], 'run');
        audit({
          organizationId: grant.organizationId,
          action: 'grant.revoked',
          targetUserId: grant.user.id,
          resourceType: grant.resourceType,
          resourceId: grant.resourceId,
          before: { grant: grant.id, permission: grant.permission },
        });
        await changed([grant.user.id]);
      });
      return { grant: await context.em.refresh(grant) };
    },
  },
};

function requireExpiry(value: string, maxGrantDays: number): Date {
  const expiresAt = parseInstant(value);
  const latest = Date.now() + maxGrantDays * 86_400_000;
  if (!expiresAt || expiresAt.getTime() <= Date.now() || expiresAt.getTime() > latest) {
    throw badUserInputError(`"input.expiresAt" must be an ISO 8601 instant in the future, at most ${maxGrantDays} days ahead.`, {
      argument: 'input.expiresAt',
    });
  }
  return expiresAt;
}
