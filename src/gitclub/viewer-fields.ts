import type { RequestContext } from './context.js';
import { roleKey } from './loaders.js';
import { permissionCatalog, type ResourceType } from './policy/policy.js';

/**
 * Resolvers for `viewerPermissions` and the primary role name on any resource type: they ask the
 * authorizer, which usually already holds the answer for this object.
 */
export function viewerFieldsOf(resourceType: ResourceType) {
  return {
    viewerPermissions: async (source: { id: string }, _args: unknown, context: RequestContext) => {
      const authorizer = context.authorizer;
      if (!authorizer) return [];
      if (context.rollout.mode !== 'enforce') {
        // Under a rollout the final answer may be the legacy one: ask for each permission of the type.
        const names = permissionCatalog.permissions
          .filter((permission) => permission.resourceType === resourceType)
          .map((permission) => permission.name);
        const allowed = await Promise.all(names.map((name) => authorizer.can(name, resourceType, source.id)));
        return names.filter((_name, index) => allowed[index]).sort();
      }
      const access = await authorizer.access(resourceType, source.id);
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
