import type { RequestContext } from './context.js';

/**
 * Resolvers for `viewerPermissions` and the primary role name on any resource type: they ask the
 * authorizer, which usually already holds the answer for this object.
 */
export function viewerFieldsOf(resourceType: string) {
  return {
    viewerPermissions: async (source: { id: string }, _args: unknown, context: RequestContext) => {
      const access = await context.authorizer?.access(resourceType, source.id);
      return access ? [...access.permissions].sort() : [];
    },
    viewerRoleName: async (source: { id: string }, context: RequestContext) => {
      const access = await context.authorizer?.access(resourceType, source.id);
      return access?.grants.find((grant) => grant.role)?.role;
    },
  };
}
