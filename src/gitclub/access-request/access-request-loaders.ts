import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
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
      async ({ parentIds, filter: status, after, limit }) => {
        const position = after === undefined ? undefined : newestFirstPosition(after);
        const rows = await em.execute<Record<string, unknown>[]>(
          `select * from (select a.*, row_number() over (partition by a.${parent} order by a.created_at desc, a.id desc) as position
         from access_requests a where a.${parent} = any(?::uuid[]) ${status ? 'and a.status = ?' : ''}
         ${position ? 'and (a.created_at, a.id) < (?, ?)' : ''}) ranked
         where position <= ? order by ${parent}, position`,
          [sqlArray(parentIds), ...(status ? [status] : []), ...(position ? [position.createdAt, position.id] : []), limit],
        );
        return rows.map((row) => ({ parentId: row[parent] as string, row: accessRequestRead(row) }));
      },
      observing(parent === 'organization_id' ? 'organizationAccessRequestPages' : 'requesterAccessRequestPages'),
    );
  const counts = (parent: Parent) =>
    childCountLoader(
      async (parentIds, status) => {
        const rows = await em.execute<{ parent: string; count: string }[]>(
          `select ${parent} as parent, count(*) from access_requests where ${parent} = any(?::uuid[]) ${status ? 'and status = ?' : ''}
         group by ${parent}`,
          [sqlArray(parentIds), ...(status ? [status] : [])],
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
    activeGrant: byIds(
      (ids) => em.find(PermissionGrantEntity, { id: { $in: [...ids] }, revokedAt: null, expiresAt: { $gt: new Date() } }),
      observing('activeGrant'),
    ),
  };
}
