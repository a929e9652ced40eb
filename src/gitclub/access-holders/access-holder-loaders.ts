import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { sql, type SqlQuery } from '../../db/sql-query.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
import { holderPathsOf, type HeldResourceType } from './held-resource-types.js';

export type { HeldResourceType } from './held-resource-types.js';

/** One path of a holder row, as the database writes it. */
export interface HolderPathRow {
  readonly via: string;
  readonly role: string | null;
  readonly expiresAt: string | null;
}

/** One person who holds a permission on a resource, with every path that gives it. */
export interface HolderRow {
  readonly userId: string;
  readonly login: string;
  readonly paths: readonly HolderPathRow[];
}

/**
 * The request loaders of "who has access": pages of the people holding a permission on resources
 * of each type (the key's `filter` is the permission), ordered by login, each with all its paths,
 * and their counts. One statement per page request per batch, however many resources and people.
 */
export type AccessHolderLoaders = {
  readonly [T in HeldResourceType as `${T}HolderPages`]: DataLoader<ChildPageKey, HolderRow[], string>;
} & {
  readonly [T in HeldResourceType as `${T}HolderCount`]: DataLoader<ChildCountKey, number, string>;
};

/** The ids of a batch as a subquery of one column. */
function idsOf(parentIds: readonly string[]): SqlQuery {
  return sql`select unnest(${sqlArray(parentIds)}::uuid[])`;
}

function holderLoaders(em: EntityManager, type: HeldResourceType, observe: (name: keyof AccessHolderLoaders) => BatchWrapper) {
  const paths = holderPathsOf[type];
  const count = childCountLoader(
    async (parentIds, permission) => {
      const query = sql`select resource_id, count(distinct user_id) as count from (${paths({ resourceIds: idsOf(parentIds) }, permission)}) p group by resource_id`;
      const rows = await em.execute<{ resource_id: string; count: string }[]>(query.sql, [...query.params]);
      return new Map(rows.map((row) => [row.resource_id, Number(row.count)]));
    },
    observe(`${type}HolderCount`),
  );
  const pages = childPagesLoader(
    async ({ parentIds, filter: permission, after, limit }) => {
      // Each holder with their paths, and each resource's count beside them: one statement, totalCount included.
      // Each resource's holders once (an array of their ids, its length the count); their users are read
      // with the array (`id = any(...)`: a bitmap scan, each table page read once), and only the first
      // `limit` by login (a top-N sort per resource, not a sort of every holder) then have their paths
      // gathered, from the same SQL narrowed to them, instead of every holder's. Logins are unique: login
      // order is the page's order.
      const scope = { resourceIds: idsOf(parentIds) };
      const query = sql`with holders as (
        select resource_id, array_agg(distinct user_id) as user_ids from (${paths(scope, permission)}) p group by resource_id
      ),
      page as (
        select h.resource_id, cardinality(h.user_ids) as total, top.user_id, top.login
        from holders h cross join lateral (
          select u.id as user_id, u.login from users u
          where u.id = any(h.user_ids) ${after === undefined ? sql`` : sql`and u.login > ${after}`}
          order by u.login limit ${limit}
        ) top
      )
      select page.resource_id, page.user_id, page.login, page.total,
        json_agg(json_build_object('via', p.via, 'role', p.role, 'expiresAt', p.expires_at) order by p.via, p.role, p.expires_at) as paths
      from page join (${paths({ ...scope, userIds: sql`select user_id from page` }, permission)}) p
        on p.resource_id = page.resource_id and p.user_id = page.user_id
      group by page.resource_id, page.login, page.user_id, page.total
      order by page.resource_id, page.login`;
      const rows = await em.execute<
        { resource_id: string; user_id: string; login: string; total: string; paths: HolderPathRow[] | string }[]
      >(query.sql, [...query.params]);
      // The page knows its resource's count: totalCount costs no statement of its own.
      for (const row of rows) count.prime({ parentId: row.resource_id, filter: permission }, Number(row.total));
      return rows.map((row) => ({
        parentId: row.resource_id,
        row: {
          userId: row.user_id,
          login: row.login,
          paths: typeof row.paths === 'string' ? (JSON.parse(row.paths) as HolderPathRow[]) : row.paths,
        },
      }));
    },
    observe(`${type}HolderPages`),
  );
  return { pages, count };
}

/** Loaders over the holders of permissions on organizations, repositories and issues, batched across resources. */
export function accessHolderLoaders(em: EntityManager, observe: (name: keyof AccessHolderLoaders) => BatchWrapper): AccessHolderLoaders {
  const organization = holderLoaders(em, 'organization', observe);
  const repository = holderLoaders(em, 'repository', observe);
  const issue = holderLoaders(em, 'issue', observe);
  return {
    organizationHolderPages: organization.pages,
    organizationHolderCount: organization.count,
    repositoryHolderPages: repository.pages,
    repositoryHolderCount: repository.count,
    issueHolderPages: issue.pages,
    issueHolderCount: issue.count,
  };
}
