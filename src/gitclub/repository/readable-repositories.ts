import { badUserInputError } from '../../errors/graphql-errors.js';
import { sqlArray } from '../../db/sql-array.js';
import { primeRepositoryAccess, repositoryRoleFactsSql, type RepositoryRoleRow } from '../access/repository-access.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';
import type { RequestRollout } from '../legacy/rollout.js';
import type { SqlCondition } from '../child-pages.js';
import { legacyRepositoriesFilter } from '../legacy/legacy-decider.js';
import type { PageRequest } from '../pagination.js';
import { readableRepositoriesFilter } from '../policy/repository-roles.js';
import { repositoryListColumnsOf, repositoryRead, type RepositoryRead } from '../read-models.js';
import type { ViewerRepositoriesPage } from '../loaders.js';

/**
 * Where a repository the viewer can read may be: their organizations' repositories, those they
 * hold a role on, those they hold a direct grant on. A superset of what they can read, so the
 * exact condition only looks at these rows, not every repository of the installation.
 */
function candidateIds(viewerId: string, organizationIds: readonly string[]): SqlCondition {
  return {
    sql: `select id from repositories where organization_id = any(?::uuid[])
      union select resource_id from role_assignments where user_id = ? and resource_type = 'repository'
      union select resource_id from permission_grants where user_id = ? and resource_type = 'repository' and revoked_at is null and expires_at > now()`,
    params: [sqlArray(organizationIds), viewerId, viewerId],
  };
}

/** What listing the viewer's repositories reads of the request: never the whole context (which builds the loader that calls it). */
export interface ViewerRepositoriesScope {
  readonly em: EntityManager;
  readonly viewer: AuthenticatedViewer;
  readonly authorizer: GitClubAuthorizer;
  readonly rollout: RequestRollout;
  /** The organizations the viewer is a member of. */
  readonly organizationIds: () => Promise<readonly string[]>;
}

/**
 * `read:repository` over repositories of any organization (`r` joined to `o`): the repository
 * role rules with the viewer's role in each of their organizations (organizations where they hold
 * the same role share one condition), the rules of a non-member elsewhere (an explicit role, a
 * grant); the legacy system's condition where it has the final say.
 */
async function readableAnywhere(scope: ViewerRepositoriesScope, organizationIds: readonly string[]): Promise<SqlCondition> {
  const { viewer, authorizer, rollout } = scope;
  if (rollout.legacyDecides && rollout.mapping) return legacyRepositoriesFilter(viewer.id, rollout.mapping, 'read:repository');
  const accesses = await Promise.all(organizationIds.map((id) => authorizer.access('organization', id)));
  const byRole = new Map<string | undefined, string[]>();
  organizationIds.forEach((id, index) => {
    const role = accesses[index]?.grants.find((grant) => grant.role)?.role;
    byRole.set(role, [...(byRole.get(role) ?? []), id]);
  });
  const branches: SqlCondition[] = [...byRole].map(([role, ids]) => {
    const rules = readableRepositoriesFilter(viewer.id, role, 'read:repository');
    return { sql: `(r.organization_id = any(?::uuid[]) and ${rules.sql})`, params: [sqlArray(ids), ...rules.params] };
  });
  const outside = readableRepositoriesFilter(viewer.id, undefined, 'read:repository');
  branches.push({
    sql: `(not (r.organization_id = any(?::uuid[])) and ${outside.sql})`,
    params: [sqlArray(organizationIds), ...outside.params],
  });
  return { sql: `(${branches.map((branch) => branch.sql).join(' or ')})`, params: branches.flatMap((branch) => branch.params) };
}

/** The sort key (cursor) of a repository across organizations: its owner's login, then its name. */
export const viewerRepositoryCursorKey = (ownerLogin: string, name: string) => JSON.stringify([ownerLogin, name]);

function positionAfter(after: string): [string, string] {
  let position: unknown;
  try {
    position = JSON.parse(after);
  } catch {
    position = undefined;
  }
  if (!Array.isArray(position) || position.length !== 2 || !position.every((part) => typeof part === 'string')) {
    throw badUserInputError('"after" is not a cursor of this list.', { argument: 'after' });
  }
  return position as [string, string];
}

/**
 * One page of the repositories the viewer can read across organizations (outside-collaborator
 * ones and direct grants included), by owner login then name, filtered in SQL: one statement for
 * the page (with the viewer's role facts on each, priming the authorizer) and one for the count,
 * the first time it is asked. Platform support reads nothing more here: this lists what the viewer
 * holds. Requests read it through `loaders.viewerRepositories`, once per page whatever the number
 * of places the viewer appears in the response.
 */
export async function readableRepositoryPage(scope: ViewerRepositoriesScope, page: PageRequest): Promise<ViewerRepositoriesPage> {
  const { viewer, authorizer } = scope;
  const organizationIds = await scope.organizationIds();
  const candidates = scope.rollout.legacyDecides ? undefined : candidateIds(viewer.id, organizationIds);
  const readable = await readableAnywhere(scope, organizationIds);
  const from = candidates
    ? `from (${candidates.sql}) c join repositories r on r.id = c.id join organizations o on o.id = r.organization_id`
    : 'from repositories r join organizations o on o.id = r.organization_id';
  const position = page.after === undefined ? undefined : positionAfter(page.after);
  const facts = repositoryRoleFactsSql(viewer, 'r');
  const rows = await scope.em.execute<Record<string, unknown>[]>(
    `select ${repositoryListColumnsOf('r')}, o.login as owner_login, ${facts.columns} ${from} ${facts.joins}
     where ${readable.sql} ${position ? 'and (o.login, r.name) > (?, ?)' : ''}
     order by o.login, r.name limit ?`,
    // In the order the SQL takes them: the selected facts, the candidates (in from), the facts' joins, the condition.
    [...facts.columnParams, ...(candidates?.params ?? []), ...facts.joinParams, ...readable.params, ...(position ?? []), page.limit + 1],
  );
  const ownerOf = new Map<string, string>();
  const repositories: RepositoryRead[] = rows.map((row) => {
    ownerOf.set(String(row.id), String(row.owner_login));
    return repositoryRead(row, row as unknown as RepositoryRoleRow);
  });
  await primeRepositoryAccess(authorizer, repositories);
  let count: Promise<number> | undefined;
  return {
    repositories,
    ownerOf,
    count: () =>
      (count ??= scope.em
        .execute<{ count: string }[]>(`select count(*) ${from} where ${readable.sql}`, [...(candidates?.params ?? []), ...readable.params])
        .then(([row]) => Number(row?.count ?? 0))),
  };
}
