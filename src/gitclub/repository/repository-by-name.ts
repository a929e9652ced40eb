import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { repositoryRoleFactsSql, type RepositoryRoleRow } from '../access/repository-access.js';
import { organizationRead, repositoryColumnsOf, repositoryRead, type OrganizationRead, type RepositoryRead } from '../read-models.js';

/** The organization's columns, prefixed so they do not collide with the repository's. */
const organizationColumns = ['login', 'name', 'billing_email', 'default_repository_role_id', 'created_at'];
const organizationSelection = organizationColumns.map((column) => `o.${column} as organization_${column}`).join(', ');

/**
 * A repository by its owner's login and its name, with its organization and (for a signed-in
 * viewer) the viewer's role facts on it, in one statement: the caller primes the organization
 * loader and the authorizer with them (`primeRepositoryAccess`). Undefined when there is none.
 */
export async function findRepositoryByName(
  em: EntityManager,
  viewer: AuthenticatedViewer | null,
  owner: string,
  name: string,
): Promise<{ repository: RepositoryRead; organization: OrganizationRead } | undefined> {
  const facts = viewer ? repositoryRoleFactsSql(viewer, 'r') : undefined;
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${repositoryColumnsOf('r')}, ${organizationSelection}
       ${facts ? `, ${facts.columns}` : ''}
     from repositories r join organizations o on o.id = r.organization_id ${facts?.joins ?? ''}
     where o.login = ? and r.name = ?`,
    [...(facts?.columnParams ?? []), ...(facts?.joinParams ?? []), owner, name],
  );
  if (!row) return undefined;
  const organization = organizationRead({
    id: row.organization_id,
    ...Object.fromEntries(organizationColumns.map((column) => [column, row[`organization_${column}`]])),
  });
  return { repository: repositoryRead(row, facts && (row as unknown as RepositoryRoleRow)), organization };
}
