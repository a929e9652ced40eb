import type { RequestContext } from './context.js';
import { roleKey } from './loaders.js';

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
    /** The viewer's primary role on the resource, resolved in `organizationId` (batched). */
    viewerRole: async (source: { id: string }, organizationId: string, context: RequestContext) => {
      const access = await context.authorizer?.access(resourceType, source.id);
      const name = access?.grants.find((grant) => grant.role)?.role;
      return name ? context.loaders.roleByName.load(roleKey(organizationId, resourceType, name)) : null;
    },
  };
}
