import { accessFromGrants, type Authorizer, type ViewerAccess } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { repositoryGrants } from '../policy/repository-roles.js';
import type { AccessHooks } from './access-hooks.js';
import { activeGrantsSql, grantAccess } from './active-grants.js';
import { supportGrants } from './platform-access.js';
import { resolvedRole, rolePermissionsSql } from './role-rows.js';
import { builtOnce } from '../../db/built-once.js';
import { uuidAmong } from '../../db/sql-array.js';
import { resourceTypes } from '../resources.js';
import type { AccessLoader } from './access-loader.js';

/** A viewer's role facts on one repository, as `repositoryRoleFactsSql` selects them. */
export interface RepositoryRoleRow {
  readonly id: string;
  readonly organization_id: string;
  readonly explicit_role: string | null;
  readonly explicit_permissions: string[] | null;
  readonly default_role: string | null;
  readonly default_permissions: string[] | null;
  /** The permissions of the viewer's active direct grants; null when the viewer holds none anywhere (no array to parse per row). */
  readonly granted: string[] | null;
}

/**
 * The SQL of a viewer's role facts on repositories (`alias`, joined to its organization as `o`):
 * the columns of `RepositoryRoleRow` but the ids, the joins they read, and their parameters in
 * the order the SQL takes them (columns, then joins). The access source and the repository list
 * select the same facts, so a list can hand the authorizer each row's access with the row.
 */
export function repositoryRoleFactsSql(viewer: AuthenticatedViewer, alias: string) {
  const { columns, joins } = repositoryRoleFactsText(alias, viewer.mayHoldGrants);
  return {
    columns,
    joins,
    // A current token of a user without grants spares the grants subquery (a new grant makes the token stale).
    columnParams: viewer.mayHoldGrants ? [viewer.id] : [],
    joinParams: [viewer.id],
  };
}

/** The facts' SQL text (`repositoryRoleFactsSql` without parameters) by alias and whether grants are read: a handful, each built once. */
export const repositoryRoleFactsText = builtOnce(
  (alias: string, readsGrants: boolean) => `${alias}:${readsGrants}`,
  (alias: string, readsGrants: boolean): { readonly columns: string; readonly joins: string } => ({
    columns: `fer.name as explicit_role, ${rolePermissionsSql('fer.id', 'fer.built_in')} as explicit_permissions,
      fdr.name as default_role, ${rolePermissionsSql('fdr.id', 'fdr.built_in')} as default_permissions,
      ${readsGrants ? activeGrantsSql('repository', `${alias}.id`) : 'null::text[]'} as granted`,
    joins: `left join role_assignments fra on fra.resource_type = 'repository' and fra.resource_id = ${alias}.id and fra.user_id = ?
      left join roles fer on fer.id = fra.role_id
      left join roles fdr on fdr.id = o.default_repository_role_id`,
  }),
);

/** The role a viewer's organization access holds there (its membership's role), if any. */
export function organizationRoleOf(organization: ViewerAccess | null | undefined): string | undefined {
  return organization?.grants[0]?.role;
}

/** A viewer's access on one repository from its role facts and their role in its organization (`repositoryGrants` and direct grants). Pure. */
export function repositoryAccessOfRow(row: RepositoryRoleRow, organizationRole: string | undefined): ViewerAccess {
  const grants = repositoryGrants({
    organizationRole,
    explicitRole: resolvedRole(row.explicit_role, row.explicit_permissions),
    defaultRole: resolvedRole(row.default_role, row.default_permissions),
  });
  return accessFromGrants('repository', row.id, [...grants, ...grantAccess('repository', row.granted ?? [])]);
}

/**
 * Hands the authorizer the access of repositories a list read with their role facts, so their
 * checks ask nothing more. Not for viewers who may read through platform support: those reads are
 * audited by the access source, so their access is left to it.
 */
export async function primeRepositoryAccess(
  authorizer: Authorizer<AuthenticatedViewer, string>,
  rows: readonly { readonly id: string; readonly organization: { readonly id: string }; readonly viewerRoleFacts?: RepositoryRoleRow }[],
): Promise<void> {
  if (authorizer.viewer.platformRole !== null) return;
  // One lookup per organization, not per row: a page of 100 repositories usually has one owner.
  const organizationIds = [...new Set(rows.map((row) => row.organization.id))];
  const organizations = new Map(
    await Promise.all(organizationIds.map(async (id) => [id, await authorizer.access('organization', id)] as const)),
  );
  // Rows without an explicit role or a grant hold what their organization's role and default role give: computed once per
  // organization, not once per row (a page of 100 usually has one owner, and building each row's permission set was most of this).
  const throughOrganization = new Map<string, ViewerAccess>();
  for (const row of rows) {
    const facts = row.viewerRoleFacts;
    if (!facts) continue;
    const organization = organizations.get(row.organization.id);
    if (facts.explicit_role !== null || (facts.granted !== null && facts.granted.length > 0)) {
      authorizer.prime('repository', row.id, repositoryAccessOfRow(facts, organizationRoleOf(organization)));
      continue;
    }
    let shared = throughOrganization.get(row.organization.id);
    if (!shared) throughOrganization.set(row.organization.id, (shared = repositoryAccessOfRow(facts, organizationRoleOf(organization))));
    authorizer.prime('repository', row.id, { ...shared, resourceId: row.id });
  }
}

/**
 * Repository access: one query per batch for the explicit and default roles, plus the viewer's
 * organization roles through the organization source (batched too, usually from the token).
 */
export function repositoryAccessSource(em: () => EntityManager, hooks: AccessHooks): AccessLoader {
  return {
    async loadAccess(ids, viewer, authorizer) {
      const facts = repositoryRoleFactsSql(viewer, 'rep');
      const among = uuidAmong('rep.id', ids);
      const rows = await em().execute<RepositoryRoleRow[]>(
        `select rep.id, rep.organization_id, ${facts.columns}
         from repositories rep join organizations o on o.id = rep.organization_id ${facts.joins}
         where ${among.sql}`,
        [...facts.columnParams, ...facts.joinParams, ...among.params],
      );
      const [organizations, support] = await Promise.all([
        Promise.all(rows.map((row) => authorizer.access('organization', row.organization_id))),
        supportGrants(viewer, authorizer, 'repository'),
      ]);
      const byId = new Map(
        rows.map((row, index) => [row.id, repositoryAccessOfRow(row, organizationRoleOf(organizations[index]))] as const),
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
