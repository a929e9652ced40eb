import { explainGrant, type AccessGrant } from '@rolegate/authz';
import { badUserInputError } from '../../errors/graphql-errors.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import { requireViewer, type RequestContext } from '../context.js';
import { requireTenantPermission } from '../grant/tenant-permission.js';
import { permissionCatalog, type ResourceType } from '../policy/policy.js';
import { requireUuid } from '../validation.js';
import { describeGrant } from './describe-grant.js';

/** `explainAccess`: the decision for a user, and the path that led to it, as data. */
export const explainResolvers = {
  Query: {
    explainAccess: async (_: unknown, args: { userId: string; permission: string; resourceId: string }, context: RequestContext) => {
      const { viewer, authorizer } = requireViewer(context);
      const userId = requireUuid(args.userId, 'userId');
      // A hidden resource and a missing one answer the same NOT_FOUND, about anyone.
      const { permission, resourceType, resourceId, organizationId } = await requireTenantPermission(context.em, authorizer, {
        permission: args.permission,
        resourceId: requireUuid(args.resourceId, 'resourceId'),
      });
      if (userId !== viewer.id) await authorizer.authorize('manage_members:organization', 'organization', organizationId);
      // Decide as that user would be decided for, with roles from the database.
      const subject: AuthenticatedViewer = { id: userId, organizationRoles: new Map(), mayHoldGrants: true };
      const subjectAuthorizer = context.authorizerFor(subject);
      const decision = await subjectAuthorizer.evaluate(permission, resourceType, resourceId);
      const base = { permission: permission, resourceType: resourceType.toUpperCase(), resourceId };
      if (decision.outcome === 'allow') {
        // Every path that gives the permission, the deciding one first (peopleWithAccess lists the same).
        const held = (await subjectAuthorizer.access(resourceType, resourceId))?.grants ?? [];
        const others = held.filter((grant) => grant !== decision.grant && grant.permissions.has(permission));
        return {
          ...base,
          allowed: true,
          outcome: 'ALLOW',
          path: [decision.grant, ...others].map((grant) => step(grant, permission)),
          reason: describeGrant(decision.grant, permission),
        };
      }
      if (decision.outcome === 'not_found') {
        return {
          ...base,
          allowed: false,
          outcome: 'NOT_FOUND',
          path: [],
          reason: `The user holds no role or grant that lets them see this ${resourceType}.`,
        };
      }
      return {
        ...base,
        allowed: false,
        outcome: 'FORBIDDEN',
        path: decision.held.map((grant) => step(grant, permission)),
        reason: `The user sees this ${resourceType}, but none of the roles or grants they hold there includes "${permission}".`,
      };
    },
  },
};

/** The `viewerCan` resolver of a resource type: for frontends that hide buttons. */
export function viewerCanOf(resourceType: ResourceType) {
  return async (
    source: { id: string },
    args: { action?: string | null; permission?: string | null },
    context: RequestContext,
  ): Promise<boolean> => {
    if ((args.action == null) === (args.permission == null)) {
      throw badUserInputError('Give exactly one of "action" (typed) and "permission" (the full name).', {
        argument: args.action == null ? 'action' : 'permission',
      });
    }
    // The enum holds only this type's actions: GraphQL refused any other value before this ran.
    const permission = args.action == null ? String(args.permission) : `${args.action}:${resourceType}`;
    if (!permissionCatalog.has(permission) || permissionCatalog.resourceTypeOf(permission) !== resourceType) {
      throw badUserInputError(`"${permission}" is not a ${resourceType} permission of the catalog.`, { argument: 'permission' });
    }
    return (await context.authorizer?.can(permission, resourceType, source.id)) ?? false;
  };
}

function step(grant: AccessGrant, permission: string) {
  return { ...explainGrant(grant), description: describeGrant(grant, permission) };
}
