import DataLoader from 'dataloader';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { repositoryRoleFactsSql, type RepositoryRoleRow } from '../access/repository-access.js';
import { byIds, groupedBy } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import {
  childCountLoader,
  childPagesLoader,
  pagePerParent,
  sqlFilterCondition,
  type ChildCountKey,
  type ChildPageKey,
} from '../child-pages.js';
import { newestFirstPosition, type PageRequest } from '../pagination.js';
import {
  repositoryColumnsOf,
  repositoryListColumnsOf,
  repositoryRead,
  workflowRunRead,
  type RepositoryRead,
  type WorkflowRunRead,
} from '../read-models.js';

/** The request loaders of repositories: an organization's and the viewer's repositories, and each one's role assignments and workflow runs. */
export interface RepositoryLoaders {
  /** Repositories by id (`IssueEvent.repository`: shared by the subscriptions an event reaches). */
  readonly repository: DataLoader<string, RepositoryRead | null>;
  /**
   * Pages of an organization's repositories by name, and their counts, under the condition the key's filter carries
   * (`sqlFilter`: who may read them, over `repositories r` joined to `organizations o`).
   */
  readonly repositoryPages: DataLoader<ChildPageKey, RepositoryRead[], string>;
  readonly repositoryCount: DataLoader<ChildCountKey, number, string>;
  /** Pages of the repositories the viewer can read across organizations, by page (`first` and `after`): each read once per request. */
  readonly viewerRepositories: DataLoader<PageRequest, ViewerRepositoriesPage, string>;
  /** Explicit repository role assignments by repository id, ordered by login. */
  readonly repositoryAssignments: DataLoader<string, { userId: string; roleId: string }[]>;
  /** Pages of a repository's workflow runs, newest first, and their counts: one statement per page request per batch. */
  readonly workflowRunPages: DataLoader<ChildPageKey, WorkflowRunRead[], string>;
  readonly workflowRunCount: DataLoader<ChildCountKey, number, string>;
}

/** One page of the viewer's repositories across organizations, with each one's owner login (for cursors) and the count, read when asked. */
export interface ViewerRepositoriesPage {
  readonly repositories: readonly RepositoryRead[];
  readonly ownerOf: ReadonlyMap<string, string>;
  readonly count: () => Promise<number>;
}

/**
 * Loaders over `repositories`, their role assignments and `workflow_runs`, batched across parents. A page of
 * an organization's repositories carries the viewer's role facts on each row; `viewerRepositoryPage` reads
 * one page of the viewer's own list (it needs the whole request context: see readable-repositories.ts).
 */
export function repositoryLoaders(
  em: EntityManager,
  observing: (name: keyof RepositoryLoaders) => BatchWrapper,
  viewer: AuthenticatedViewer | null | undefined,
  viewerRepositoryPage: (page: PageRequest) => Promise<ViewerRepositoriesPage>,
): RepositoryLoaders {
  return {
    repository: byIds(
      async (ids) =>
        (
          await em.execute<Record<string, unknown>[]>(
            `select ${repositoryColumnsOf('repositories')} from repositories where id = any(?::uuid[])`,
            [sqlArray(ids)],
          )
        ).map((row) => repositoryRead(row)),
      observing('repository'),
    ),
    repositoryPages: childPagesLoader(async ({ parentIds, filter, after, limit }) => {
      const readable = sqlFilterCondition(filter);
      // The viewer's role facts come with each row, for the authorizer (primeRepositoryAccess): no second statement.
      const facts = viewer ? repositoryRoleFactsSql(viewer, 'r') : undefined;
      const page = pagePerParent(
        {
          columns: `${repositoryListColumnsOf('r')}${facts ? `, ${facts.columns}` : ''}`,
          from: `repositories r join organizations o on o.id = r.organization_id ${facts?.joins ?? ''}`,
          leadingParams: [...(facts?.columnParams ?? []), ...(facts?.joinParams ?? [])],
          parentColumn: 'r.organization_id',
          conditions: `and ${readable.sql} ${after === undefined ? '' : 'and r.name > ?'}`,
          conditionParams: [...readable.params, ...(after === undefined ? [] : [after])],
          orderBy: 'r.name',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
      return rows.map((row) => ({
        parentId: row.organization_id as string,
        row: repositoryRead(row, facts && (row as unknown as RepositoryRoleRow)),
      }));
    }, observing('repositoryPages')),
    repositoryCount: childCountLoader(async (organizationIds, filter) => {
      const readable = sqlFilterCondition(filter);
      const rows = await em.execute<{ organization_id: string; count: string }[]>(
        `select r.organization_id, count(*) from repositories r join organizations o on o.id = r.organization_id
         where r.organization_id = any(?::uuid[]) and ${readable.sql} group by r.organization_id`,
        [sqlArray(organizationIds), ...readable.params],
      );
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observing('repositoryCount')),
    viewerRepositories: new DataLoader(
      observing('viewerRepositories')((pages) => Promise.all(pages.map((page) => viewerRepositoryPage(page)))),
      {
        cacheKeyFn: (page) => `${page.limit}|${page.after ?? ''}`,
      },
    ),
    repositoryAssignments: new DataLoader(
      observing('repositoryAssignments')(async (repositoryIds) => {
        const rows = await em.execute<{ resource_id: string; user_id: string; role_id: string }[]>(
          `select ra.resource_id, ra.user_id, ra.role_id from role_assignments ra join users u on u.id = ra.user_id
         where ra.resource_type = 'repository' and ra.resource_id = any(?::uuid[]) order by u.login`,
          [sqlArray(repositoryIds)],
        );
        return groupedBy(repositoryIds, rows, (row) => row.resource_id).map((group) =>
          group.map((row) => ({ userId: row.user_id, roleId: row.role_id })),
        );
      }),
    ),
    workflowRunPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const position = after === undefined ? undefined : newestFirstPosition(after);
      const page = pagePerParent(
        {
          columns: 'w.*',
          from: 'workflow_runs w',
          parentColumn: 'w.repository_id',
          conditions: position ? 'and (w.created_at, w.id) < (?, ?)' : '',
          conditionParams: [...(position ? [position.createdAt, position.id] : [])],
          orderBy: 'w.created_at desc, w.id desc',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
      return rows.map((row) => ({ parentId: row.repository_id as string, row: workflowRunRead(row) }));
    }, observing('workflowRunPages')),
    workflowRunCount: childCountLoader(async (repositoryIds) => {
      const rows = await em.execute<{ repository_id: string; count: string }[]>(
        'select repository_id, count(*) from workflow_runs where repository_id = any(?::uuid[]) group by repository_id',
        [sqlArray(repositoryIds)],
      );
      return new Map(rows.map((row) => [row.repository_id, Number(row.count)]));
    }, observing('workflowRunCount')),
  };
}
