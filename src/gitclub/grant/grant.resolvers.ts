import { notFoundError } from '@rolegate/authz';
import { grantPermission, revokeGrant } from '../access-write/access-writes.js';
import { requireViewer, type RequestContext } from '../context.js';
import { PermissionGrantEntity, type PermissionGrant } from '../entities/permission-grant.entity.js';
import { requireGrantExpiry } from './grant-expiry.js';
import { requireText, requireUuid } from '../validation.js';
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
      const expiresAt = requireGrantExpiry(input.expiresAt, context.grantMaxDays, 'input.expiresAt');
      const target = await requireTenantPermission(
        context.em,
        authorizer,
        { permission: input.permission, resourceId: requireUuid(input.resourceId, 'input.resourceId') },
        'input.',
      );
      await authorizer.authorize('manage_members:organization', 'organization', target.organizationId);
      const grant = await grantPermission(context, { ...target, userId, reason, expiresAt, grantedBy: viewer.id });
      return { grant };
    },

    revokeGrant: async (_: unknown, { input }: { input: { grantId: string } }, context: RequestContext) => {
      const { authorizer } = requireViewer(context);
      const grant = await context.em.findOne(PermissionGrantEntity, { id: requireUuid(input.grantId, 'input.grantId'), revokedAt: null });
      // Grants are seen only by those who manage members there: to anyone else one is as missing as a random id.
      if (!grant || !(await authorizer.can('manage_members:organization', 'organization', grant.organizationId))) throw notFoundError();
      await revokeGrant(context, { id: grant.id, userId: grant.user.id, organizationId: grant.organizationId });
      return { grant: await context.em.refresh(grant) };
    },
  },
};
