import { accessFromGrants } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { repositoryGrants } from '../policy/repository-roles.js';
import type { AccessHooks } from './access-hooks.js';
import { activeGrantsSql, grantAccess } from './active-grants.js';
import { supportGrants } from './platform-access.js';
import { resolvedRole, rolePermissionsSql } from './role-rows.js';
import { sqlArray } from '../../db/sql-array.js';
import { resourceTypes } from '../resources.js';
import type { AccessLoader } from './access-loader.js';

interface RepositoryRoleRow {
  id: string;
  organization_id: string;
  explicit_role: string | null;
  explicit_permissions: string[] | null;
  default_role: string | null;
  default_permissions: string[] | null;
  granted: string[];
}

/**
 * Repository access: one query per batch for the explicit and default roles, plus the viewer's
 * organization roles through the organization source (batched too, usually from the token).
 */
export function repositoryAccessSource(em: () => EntityManager, hooks: AccessHooks): AccessLoader {
  return {
    async loadAccess(ids, viewer, authorizer) {
      const rows = await em().execute<RepositoryRoleRow[]>(
        `select rep.id, rep.organization_id,
                er.name as explicit_role, ${rolePermissionsSql('er.id', 'er.built_in')} as explicit_permissions,
                dr.name as default_role, ${rolePermissionsSql('dr.id', 'dr.built_in')} as default_permissions,
                ${viewer.mayHoldGrants ? activeGrantsSql('repository', 'rep.id') : `'{}'::text[]`} as granted
         from repositories rep
         join organizations o on o.id = rep.organization_id
         left join role_assignments ra on ra.resource_type = 'repository' and ra.resource_id = rep.id and ra.user_id = ?
         left join roles er on er.id = ra.role_id
         left join roles dr on dr.id = o.default_repository_role_id
         where rep.id = any(?::uuid[])`,
        // A current token of a user without grants spares the grants subquery (a new grant makes the token stale).
        viewer.mayHoldGrants ? [viewer.id, viewer.id, sqlArray(ids)] : [viewer.id, sqlArray(ids)],
      );
      const [organizations, support] = await Promise.all([
        Promise.all(rows.map((row) => authorizer.access('organization', row.organization_id))),
        supportGrants(viewer, authorizer, 'repository'),
      ]);
      const byId = new Map(
        rows.map((row, index) => {
          const grants = repositoryGrants({
            organizationRole: organizations[index]?.grants[0]?.role,
            explicitRole: resolvedRole(row.explicit_role, row.explicit_permissions),
            defaultRole: resolvedRole(row.default_role, row.default_permissions),
          });
          return [row.id, accessFromGrants('repository', row.id, [...grants, ...grantAccess('repository', row.granted)])] as const;
        }),
      );
      if (support.length > 0) {
        for (const row of rows) {
          const access = byId.get(row.id);
          if (!access) continue;
          if (!access.permissions.has(resourceTypes.repository.visibility)) await hooks.onSupportRead(row.organization_id);
          byId.set(row.id, accessFromGrants('repository', row.id, [...access.grants, ...support]));
        }
      }
      return ids.map((id) => byId.get(id) ?? null);
    },
  };
}
