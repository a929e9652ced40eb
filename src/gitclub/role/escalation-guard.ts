import { GraphQLError } from 'graphql';
import type { Authorizer } from '../../authz/index.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { resolvedRole } from '../access/role-rows.js';
import { rolePermissionsSql } from '../access/role-rows.js';
import { repositoryGrants } from '../policy/repository-roles.js';

/** A refusal to give away what one does not hold. */
function escalationError(missing: readonly string[]): GraphQLError {
  return new GraphQLError(`You cannot give permissions you do not hold yourself: ${missing.map((name) => `"${name}"`).join(', ')}.`, {
    extensions: { code: 'FORBIDDEN', reason: 'PRIVILEGE_ESCALATION', missing },
  });
}

/**
 * Refuses an assignment, grant or role definition carrying a permission the actor does not hold
 * on the resource: nobody can hand out more than they have.
 */
export async function assertHoldsAll(
  authorizer: Authorizer<AuthenticatedViewer>,
  permissions: readonly string[],
  resourceType: string,
  resourceId: string,
): Promise<void> {
  const access = await authorizer.access(resourceType, resourceId);
  const missing = permissions.filter((permission) => !access?.permissions.has(permission));
  if (missing.length > 0) throw escalationError(missing);
}

/**
 * The same for repository permissions given organization-wide (a custom repository role, the
 * default repository role): the actor must hold them on every repository where they hold no
 * explicit role, that is, as an admin or through the organization's default role.
 */
export async function assertHoldsOrganizationWide(
  em: EntityManager,
  authorizer: Authorizer<AuthenticatedViewer>,
  permissions: readonly string[],
  organizationId: string,
): Promise<void> {
  const organization = await authorizer.access('organization', organizationId);
  const [row] = await em.execute<{ name: string | null; permissions: string[] }[]>(
    `select r.name, ${rolePermissionsSql('r.id')} as permissions from organizations o left join roles r on r.id = o.default_repository_role_id where o.id = ?`,
    [organizationId],
  );
  const held = new Set(
    repositoryGrants({
      organizationRole: organization?.grants.find((grant) => grant.role)?.role,
      explicitRole: undefined,
      defaultRole: resolvedRole(row?.name ?? null, row?.permissions ?? null),
    }).flatMap((grant) => [...grant.permissions]),
  );
  const missing = permissions.filter((permission) => !held.has(permission));
  if (missing.length > 0) throw escalationError(missing);
}
