import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { joinSql, sql, type SqlQuery } from '../../db/sql-query.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
import { heldCtes, type HeldPermissionRow, type HeldResourceRow } from './held-in-organization.js';
import type { HeldResourceType } from './held-resource-types.js';
import { organizationsOfHolderSql } from './organizations-of-holder.js';

/** One resource a person holds anything on, with its place in the list across organizations. */
export interface HeldByUserRow extends HeldResourceRow {
  /** The list's sort key: the organization's login, then the resource's sort key within it. */
  readonly listKey: string;
}

/**
 * The request loaders of "what do I hold": pages of everything a person holds (the key's parent is
 * their id), in every organization where they hold a role or an active grant, as one list, and its
 * count. The viewer's `User` may appear many times in a response (an author here, a member there):
 * each page and count is read once per request, one statement per batch.
 */
export interface HeldByUserLoaders {
  readonly heldByUserPages: DataLoader<ChildPageKey, HeldByUserRow[], string>;
  readonly heldByUserCount: DataLoader<ChildCountKey, number, string>;
}

/**
 * A list key: the organization's login, a space (below every character a login may hold), then the
 * resource's own sort key; compared byte by byte (`collate "C"`), it orders by organization, then
 * as `accessOf` orders one organization's resources.
 */
const listKey = sql`(o.login || ' ' || h.sort_key) collate "C"`;

/** Each person's held resources with their list keys, as one `union all` over the people of a batch. */
function heldByEach(userIds: readonly string[], after: string | undefined): SqlQuery {
  return joinSql(
    userIds.map(
      (userId) => sql`(with ${heldCtes(organizationsOfHolderSql(userId), userId)}
        select ${userId}::uuid as user_id, h.*, ${listKey} as list_key from held h join organizations o on o.id = h.organization_id
        where ${after === undefined ? sql`true` : sql`${listKey} > ${after}`})`,
    ),
    '\nunion all\n',
  );
}

/** Loaders over what people hold across organizations: the same SQL as `Organization.accessOf`. */
export function heldByUserLoaders(em: EntityManager, observe: (name: keyof HeldByUserLoaders) => BatchWrapper): HeldByUserLoaders {
  return {
    heldByUserPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const query = sql`select * from (
          select held.*, row_number() over (partition by held.user_id order by held.list_key) as position
          from (${heldByEach(parentIds, after)}) held
        ) ranked where position <= ${limit} order by user_id, position`;
      const rows = await em.execute<
        {
          user_id: string;
          resource_type: HeldResourceType;
          resource_id: string;
          name: string;
          sort_key: string;
          list_key: string;
          paths: HeldPermissionRow[] | string;
        }[]
      >(query.sql, [...query.params]);
      return rows.map((row) => ({
        parentId: row.user_id,
        row: {
          resourceType: row.resource_type,
          resourceId: row.resource_id,
          name: row.name,
          sortKey: row.sort_key,
          listKey: row.list_key,
          paths: typeof row.paths === 'string' ? (JSON.parse(row.paths) as HeldPermissionRow[]) : row.paths,
        },
      }));
    }, observe('heldByUserPages')),
    heldByUserCount: childCountLoader(async (parentIds) => {
      const query = sql`select user_id, count(*) as count from (${heldByEach(parentIds, undefined)}) held group by user_id`;
      const rows = await em.execute<{ user_id: string; count: string }[]>(query.sql, [...query.params]);
      return new Map(rows.map((row) => [row.user_id, Number(row.count)]));
    }, observe('heldByUserCount')),
  };
}
