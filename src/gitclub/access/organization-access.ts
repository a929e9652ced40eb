import { accessFromGrants, type ViewerAccess } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { uuidAmong } from '../../db/sql-array.js';
import { builtInRoles } from '../policy/built-in-roles.js';
import type { AccessHooks } from './access-hooks.js';
import { activeGrantsSql, grantAccess } from './active-grants.js';
import { supportGrants } from './platform-access.js';
import { rolePermissionsSql } from './role-rows.js';
import { heldVia } from './grant-source.js';
import { resourceTypes } from '../resources.js';
import type { AccessLoader } from './access-loader.js';

interface OrganizationRoleRow {
  id: string;
  role_name: string | null;
  permissions: string[];
  granted: string[];
}

/** One organization's access from the role a viewer holds there and their direct grants. */
function organizationAccess(
  organizationId: string,
  role: string | undefined,
  permissions: ReadonlySet<string>,
  granted: readonly string[] = [],
): ViewerAccess {
  return accessFromGrants('organization', organizationId, [
    ...(role ? [heldVia('membership', permissions, role)] : []),
    ...grantAccess('organization', granted),
  ]);
}

/**
 * Organization access: a built-in role carried by a current access token of a user without direct
 * grants needs no query; the rest (organizations absent from the token, custom roles, grants)
 * costs one query per batch. Platform support adds read-only access, and each organization read
 * only that way is reported to `hooks` (it must be audited).
 */
export function organizationAccessSource(em: () => EntityManager, hooks: AccessHooks): AccessLoader {
  return {
    async loadAccess(ids, viewer, authorizer) {
      const accesses = await rolesAndGrants(em, ids, viewer);
      const support = await supportGrants(viewer, authorizer, 'organization');
      if (support.length === 0) return accesses;
      return Promise.all(
        ids.map(async (id, index) => {
          const access = accesses[index];
          if (!access) return null;
          if (!access.permissions.has(resourceTypes.organization.visibility)) await hooks.onSupportRead(id);
          return accessFromGrants('organization', id, [...access.grants, ...support]);
        }),
      );
    },
  };
}

async function rolesAndGrants(
  em: () => EntityManager,
  ids: readonly string[],
  viewer: AuthenticatedViewer,
): Promise<(ViewerAccess | null)[]> {
  const known = new Map<string, ViewerAccess>();
  const missing: string[] = [];
  for (const id of ids) {
    const claimed = viewer.mayHoldGrants ? undefined : builtInRoles.get(viewer.organizationRoles.get(id) ?? '');
    if (claimed?.resourceType === 'organization') known.set(id, organizationAccess(id, claimed.name, claimed.permissions));
    else missing.push(id);
  }
  if (missing.length === 0) return ids.map((id) => known.get(id) ?? null);
  const among = uuidAmong('o.id', missing);
  const rows = await em().execute<OrganizationRoleRow[]>(
    `select o.id, r.name as role_name, ${rolePermissionsSql('r.id')} as permissions, ${activeGrantsSql('organization', 'o.id')} as granted
     from organizations o
     left join role_assignments ra on ra.resource_type = 'organization' and ra.resource_id = o.id and ra.user_id = ?
     left join roles r on r.id = ra.role_id
     where ${among.sql}`,
    [viewer.id, viewer.id, ...among.params],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const claimed = known.get(id);
    if (claimed) return claimed;
    const row = byId.get(id);
    return row ? organizationAccess(id, row.role_name ?? undefined, new Set(row.permissions), row.granted) : null;
  });
}
