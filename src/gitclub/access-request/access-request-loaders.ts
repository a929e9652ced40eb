import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import type { BatchWrapper } from '../batch-sizes.js';
import {
  childCountLoader,
  childPagesLoader,
  pagePerParent,
  sqlFilterCondition,
  type SqlCondition,
  type ChildCountKey,
  type ChildPageKey,
} from '../child-pages.js';
import { PermissionGrantEntity, type PermissionGrant } from '../entities/permission-grant.entity.js';
import { newestFirstPosition } from '../pagination.js';
import { accessRequestRead, type AccessRequestRead } from './access-request-read.js';

/** The request loaders of access requests: pages and counts by organization and by requester, newest first. */
export interface AccessRequestLoaders {
  /** An organization's requests; the key's `filter` is a status, or '' for all. */
  readonly organizationAccessRequestPages: DataLoader<ChildPageKey, AccessRequestRead[], string>;
  readonly organizationAccessRequestCount: DataLoader<ChildCountKey, number, string>;
  /** A requester's own requests; the key's `filter` as above. */
  readonly requesterAccessRequestPages: DataLoader<ChildPageKey, AccessRequestRead[], string>;
  readonly requesterAccessRequestCount: DataLoader<ChildCountKey, number, string>;
  /** Grants by id, only while active (not revoked, not expired): what an approved request shows. */
  readonly activeGrant: DataLoader<string, PermissionGrant | null>;
  /** Requests by id: what the subscriptions an access-request event reaches share (one statement per event). */
  readonly accessRequest: DataLoader<string, AccessRequestRead | null>;
}

/** The column a list of requests hangs from. */
type Parent = 'organization_id' | 'requester_id';

/** Loaders over `access_requests`, batched across parents like every list (one statement per page request). */
export function accessRequestLoaders(
  em: EntityManager,
  observing: (name: keyof AccessRequestLoaders) => BatchWrapper,
  byIds: <T extends { id: string }>(find: (ids: readonly string[]) => Promise<T[]>, observe: BatchWrapper) => DataLoader<string, T | null>,
): AccessRequestLoaders {
  const pages = (parent: Parent) =>
    childPagesLoader(
      async ({ parentIds, filter, after, limit }) => {
        const position = after === undefined ? undefined : newestFirstPosition(after);
        const where = requestCondition(filter);
        const page = pagePerParent(
          {
            columns: 'a.*',
            from: 'access_requests a',
            parentColumn: `a.${parent}`,
            conditions: `${where.sql} ${position ? 'and (a.created_at, a.id) < (?, ?)' : ''}`,
            conditionParams: [...where.params, ...(position ? [position.createdAt, position.id] : [])],
            orderBy: 'a.created_at desc, a.id desc',
          },
          parentIds,
          limit,
        );
        const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
        return rows.map((row) => ({ parentId: row[parent] as string, row: accessRequestRead(row) }));
      },
      observing(parent === 'organization_id' ? 'organizationAccessRequestPages' : 'requesterAccessRequestPages'),
    );
  const counts = (parent: Parent) =>
    childCountLoader(
      async (parentIds, filter) => {
        const where = requestCondition(filter);
        const rows = await em.execute<{ parent: string; count: string }[]>(
          `select a.${parent} as parent, count(*) from access_requests a where a.${parent} = any(?::uuid[]) ${where.sql} group by a.${parent}`,
          [sqlArray(parentIds), ...where.params],
        );
        return new Map(rows.map((row) => [row.parent, Number(row.count)]));
      },
      observing(parent === 'organization_id' ? 'organizationAccessRequestCount' : 'requesterAccessRequestCount'),
    );
  return {
    organizationAccessRequestPages: pages('organization_id'),
    organizationAccessRequestCount: counts('organization_id'),
    requesterAccessRequestPages: pages('requester_id'),
    requesterAccessRequestCount: counts('requester_id'),
    accessRequest: byIds(
      async (ids) =>
        (await em.execute<Record<string, unknown>[]>('select * from access_requests where id = any(?::uuid[])', [sqlArray(ids)])).map(
          accessRequestRead,
        ),
      observing('accessRequest'),
    ),
    activeGrant: byIds(
      (ids) => em.find(PermissionGrantEntity, { id: { $in: [...ids] }, revokedAt: null, expiresAt: { $gt: new Date() } }),
      observing('activeGrant'),
    ),
  };
}

/**
 * The condition a list key's filter carries over `access_requests a`: a status ('' for any), and
 * (an organization's list) which repositories the viewer can read there, as a `sqlFilter` over
 * `repositories r` joined to `organizations o`: a request on a repository, or on one of its issues,
 * is listed only when that repository is readable.
 */
function requestCondition(filter: string): SqlCondition {
  const [status, readable] = JSON.parse(filter) as [string, string | null];
  const parts: SqlCondition[] = [];
  if (status) parts.push({ sql: 'and a.status = ?', params: [status] });
  if (readable) {
    const condition = sqlFilterCondition(readable);
    parts.push({
      sql: `and (a.resource_type not in ('repository', 'issue') or exists (select 1 from repositories r join organizations o on o.id = r.organization_id
        where r.id = case when a.resource_type = 'repository' then a.resource_id else (select i.repository_id from issues i where i.id = a.resource_id) end
        and ${condition.sql}))`,
      params: condition.params,
    });
  }
  return { sql: parts.map((part) => part.sql).join(' '), params: parts.flatMap((part) => part.params) };
}
