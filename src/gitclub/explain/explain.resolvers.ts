import { explainGrant, type AccessGrant } from '@rolegate/authz';
import { badUserInputError } from '../../input/bad-user-input-error.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import { requireViewer, type RequestContext } from '../context.js';
import { organizationOf, requireTenantResourceType } from '../grant/resource-organization.js';
import { permissionCatalog } from '../policy/policy.js';
import { requireUuid } from '../validation.js';
import { describeGrant } from './describe-grant.js';

/** `explainAccess`: the decision for a user, and the path that led to it, as data. */
export const explainResolvers = {
  Query: {
    explainAccess: async (_: unknown, args: { userId: string; permission: string; resourceId: string }, context: RequestContext) => {
      const { viewer, authorizer } = requireViewer(context);
      const userId = requireUuid(args.userId, 'userId');
      const resourceId = requireUuid(args.resourceId, 'resourceId');
      const resourceType = permissionCatalog.resourceTypeOf(args.permission);
      if (!resourceType) throw badUserInputError(`Unknown permission "${args.permission}".`, { argument: 'permission' });
      requireTenantResourceType(resourceType);
      // Visibility first: a hidden resource and a missing one answer the same NOT_FOUND, about anyone.
      await authorizer.authorize(authorizer.visibilityPermissionOf(resourceType) ?? args.permission, resourceType, resourceId);
      const organizationId = await organizationOf(context.em, resourceType, resourceId);
      if (userId !== viewer.id) await authorizer.authorize('manage_members:organization', 'organization', organizationId);
      // Decide as that user would be decided for, with roles from the database.
      const subject: AuthenticatedViewer = { id: userId, organizationRoles: new Map(), mayHoldGrants: true };
      const decision = await context.authorizerFor(subject).evaluate(args.permission, resourceType, resourceId);
      const base = { permission: args.permission, resourceType: resourceType.toUpperCase(), resourceId };
      if (decision.outcome === 'allow') {
        return {
          ...base,
          allowed: true,
          outcome: 'ALLOW',
          path: [step(decision.grant, args.permission)],
          reason: describeGrant(decision.grant, args.permission),
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
        path: decision.held.map((grant) => step(grant, args.permission)),
        reason: `The user sees this ${resourceType}, but none of the roles or grants they hold there includes "${args.permission}".`,
      };
    },
  },
};

/** The `viewerCan` resolver of a resource type: for frontends that hide buttons. */
export function viewerCanOf(resourceType: string) {
  return async (source: { id: string }, args: { permission: string }, context: RequestContext): Promise<boolean> => {
    if (permissionCatalog.resourceTypeOf(args.permission) !== resourceType) {
      throw badUserInputError(`"${args.permission}" is not a ${resourceType} permission of the catalog.`, { argument: 'permission' });
    }
    return (await context.authorizer?.can(args.permission, resourceType, source.id)) ?? false;
  };
}

function step(grant: AccessGrant, permission: string) {
  return { ...explainGrant(grant), description: describeGrant(grant, permission) };
}
