import type { Place } from '../access-write/place.js';
import type { EntityManager } from '../../db/database.js';
import { resolvedRole, rolePermissionsSql } from '../access/role-rows.js';
import { repositoryGrants } from '../policy/repository-roles.js';
import type { RoleView } from '../role/role-view.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';

type ActorAuthorizer = GitClubAuthorizer;

/** The permissions of `permissions` the actor does not hold on one resource (by role or grant). */
export async function missingOn(
  authorizer: ActorAuthorizer,
  permissions: readonly string[],
  resourceType: string,
  resourceId: string,
): Promise<string[]> {
  const access = await authorizer.access(resourceType, resourceId);
  return permissions.filter((permission) => !access?.permissions.has(permission));
}

/**
 * The repository permissions of `permissions` the actor does not hold organization-wide: on every
 * repository where they hold no explicit role, that is, as an admin or through the default role.
 */
export async function missingOrganizationWide(
  em: EntityManager,
  authorizer: ActorAuthorizer,
  permissions: readonly string[],
  organizationId: string,
): Promise<string[]> {
  const organization = await authorizer.access('organization', organizationId);
  const held = new Set(
    repositoryGrants({
      organizationRole: organization?.grants.find((grant) => grant.role)?.role,
      explicitRole: undefined,
      defaultRole: await defaultRepositoryRole(em, organizationId),
    }).flatMap((grant) => [...grant.permissions]),
  );
  return permissions.filter((permission) => !held.has(permission));
}

/** A role and where it is (or would be) held: an organization role on its organization, a repository role on one repository. */
export interface HeldRole {
  readonly role: RoleView;
  readonly resourceType: 'organization' | 'repository';
  readonly resourceId: string;
  readonly organizationId: string;
}

/**
 * What a role hands out where it is held, the one rule every guard uses: its own permissions on
 * its resource and, for an organization role, what it gives on every repository of the
 * organization where its holder has no explicit role (admins are maintainers everywhere; members
 * get the organization's default repository role). Giving the role gives all of it; taking it
 * away takes all of it.
 */
export async function handedOutBy(
  em: EntityManager,
  held: HeldRole,
): Promise<{ onResource: readonly string[]; organizationWide: string[] }> {
  if (held.resourceType !== 'organization') return { onResource: held.role.permissions, organizationWide: [] };
  const defaultRole = await defaultRepositoryRole(em, held.organizationId);
  const grants = repositoryGrants({
    organizationRole: held.role.builtIn ? held.role.name : undefined,
    explicitRole: undefined,
    defaultRole,
  });
  return { onResource: held.role.permissions, organizationWide: [...new Set(grants.flatMap((grant) => [...grant.permissions]))].sort() };
}

/** What the actor lacks of everything a role hands out where it is held (see `handedOutBy`). */
export async function missingOfRole(em: EntityManager, authorizer: ActorAuthorizer, held: HeldRole): Promise<string[]> {
  const { onResource, organizationWide } = await handedOutBy(em, held);
  const missing = await missingOn(authorizer, onResource, held.resourceType, held.resourceId);
  if (organizationWide.length === 0) return missing;
  return [...new Set([...missing, ...(await missingOrganizationWide(em, authorizer, organizationWide, held.organizationId))])];
}

/**
 * Everything a user holds on one repository through roles: as an organization admin, through an
 * explicit role, or through the default role (see `repositoryGrants`). An explicit lower role does
 * not lower what an admin holds.
 */
export async function heldOnRepository(em: EntityManager, repositoryId: string, userId: string): Promise<string[]> {
  const [row] = await em.execute<
    {
      organization_role: string | null;
      explicit_role: string | null;
      explicit_permissions: string[] | null;
      default_role: string | null;
      default_permissions: string[] | null;
    }[]
  >(
    `select orole.name as organization_role,
            er.name as explicit_role, ${rolePermissionsSql('er.id', 'er.built_in')} as explicit_permissions,
            dr.name as default_role, ${rolePermissionsSql('dr.id', 'dr.built_in')} as default_permissions
     from repositories rep
     join organizations o on o.id = rep.organization_id
     left join role_assignments oa on oa.resource_type = 'organization' and oa.resource_id = o.id and oa.user_id = ?
     left join roles orole on orole.id = oa.role_id and orole.built_in
     left join role_assignments ra on ra.resource_type = 'repository' and ra.resource_id = rep.id and ra.user_id = ?
     left join roles er on er.id = ra.role_id
     left join roles dr on dr.id = o.default_repository_role_id
     where rep.id = ?`,
    [userId, userId, repositoryId],
  );
  if (!row) return [];
  const grants = repositoryGrants({
    organizationRole: row.organization_role ?? undefined,
    explicitRole: resolvedRole(row.explicit_role, row.explicit_permissions),
    defaultRole: resolvedRole(row.default_role, row.default_permissions),
  });
  return [...new Set(grants.flatMap((grant) => [...grant.permissions]))].sort();
}

async function defaultRepositoryRole(em: EntityManager, organizationId: string) {
  const [row] = await em.execute<{ name: string | null; permissions: string[] }[]>(
    `select r.name, ${rolePermissionsSql('r.id')} as permissions from organizations o left join roles r on r.id = o.default_repository_role_id where o.id = ?`,
    [organizationId],
  );
  return resolvedRole(row?.name ?? null, row?.permissions ?? null);
}

/** A role at a place of the write path, as the guards weigh it (an organization or a repository of one). */
export function heldAt(place: Place, role: RoleView): HeldRole {
  if (place.resourceType === 'platform' || !place.organizationId)
    throw new Error('Platform roles are changed by commands only; no guard weighs what a user holds there.');
  return { role, resourceType: place.resourceType, resourceId: place.resourceId, organizationId: place.organizationId };
}
