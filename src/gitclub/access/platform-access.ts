import { accessFromGrants, type AccessGrant, type AccessLookup } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { builtInRoles } from '../policy/built-in-roles.js';
import { platformId } from '../policy/policy.js';
import { resourceTypes, type TenantResourceType } from '../resources.js';
import { heldVia } from './grant-source.js';
import type { AccessLoader } from './access-loader.js';

/** Platform access: the viewer's platform role (support, platform_admin); one query, only for viewers whose token does not say "none". */
export function platformAccessSource(em: () => EntityManager): AccessLoader {
  return {
    async loadAccess(ids, viewer) {
      const role = viewer.platformRole !== undefined ? viewer.platformRole : await platformRoleOf(em(), viewer.id);
      const expanded = role ? builtInRoles.get(role) : undefined;
      const grants: AccessGrant[] = expanded ? [heldVia('platform', expanded.permissions, expanded.name)] : [];
      return ids.map((id) => (id === platformId ? accessFromGrants('platform', id, grants) : null));
    },
  };
}

/** The platform role a user holds, if any. */
export async function platformRoleOf(em: EntityManager, userId: string): Promise<string | null> {
  const [row] = await em.execute<{ name: string }[]>(
    `select r.name from role_assignments ra join roles r on r.id = ra.role_id where ra.user_id = ? and ra.resource_type = 'platform'`,
    [userId],
  );
  return row?.name ?? null;
}

/**
 * The read-only support grant on a tenant resource, when the viewer holds `read_tenants:platform`.
 * Costs nothing for viewers whose token says they hold no platform role.
 */
export async function supportGrants(
  viewer: AuthenticatedViewer,
  authorizer: AccessLookup,
  resourceType: TenantResourceType,
): Promise<AccessGrant[]> {
  const readOnly = resourceTypes[resourceType].supportAccess;
  if (viewer.platformRole === null || readOnly.length === 0) return [];
  const platform = await authorizer.access('platform', platformId);
  if (!platform?.permissions.has('read_tenants:platform')) return [];
  return [heldVia('platform', new Set<string>(readOnly), 'support')];
}
