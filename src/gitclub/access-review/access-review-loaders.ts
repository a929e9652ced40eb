import DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, pagePerParent, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
import { newestFirstPosition, sequencePositionOf } from '../pagination.js';
import {
  accessReviewColumns,
  accessReviewItemColumns,
  accessReviewItemRead,
  accessReviewRead,
  type AccessReviewItemRead,
  type AccessReviewRead,
} from './access-review-read.js';

/** How many items of a review are kept, revoked and undecided. */
export interface ReviewProgress {
  readonly total: number;
  readonly kept: number;
  readonly revoked: number;
  readonly undecided: number;
}

/**
 * The request loaders of access reviews: an organization's reviews (newest first) and their count,
 * reviews and items by id, each review's progress, and a review's items (in snapshot order, the
 * key's `filter` a decision, `undecided` or '' for all) and their count. One statement per batch.
 */
export interface AccessReviewLoaders {
  readonly organizationAccessReviewPages: DataLoader<ChildPageKey, AccessReviewRead[], string>;
  readonly organizationAccessReviewCount: DataLoader<ChildCountKey, number, string>;
  readonly accessReview: DataLoader<string, AccessReviewRead | null>;
  readonly accessReviewProgress: DataLoader<string, ReviewProgress>;
  readonly accessReviewItemPages: DataLoader<ChildPageKey, AccessReviewItemRead[], string>;
  readonly accessReviewItemCount: DataLoader<ChildCountKey, number, string>;
  readonly accessReviewItem: DataLoader<string, AccessReviewItemRead | null>;
}

/** The condition of an item filter over `access_review_items i`: a decision, `undecided`, or '' for every item. */
function decisionCondition(filter: string): { sql: string; params: unknown[] } {
  if (filter === '') return { sql: '', params: [] };
  if (filter === 'undecided') return { sql: 'and i.decision is null', params: [] };
  return { sql: 'and i.decision = ?', params: [filter] };
}

/** Loaders over `access_reviews` and `access_review_items`, batched across parents like every list. */
export function accessReviewLoaders(
  em: EntityManager,
  observing: (name: keyof AccessReviewLoaders) => BatchWrapper,
  byIds: <T extends { id: string }>(find: (ids: readonly string[]) => Promise<T[]>, observe: BatchWrapper) => DataLoader<string, T | null>,
): AccessReviewLoaders {
  return {
    organizationAccessReviewPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const position = after === undefined ? undefined : newestFirstPosition(after);
      const page = pagePerParent(
        {
          columns: accessReviewColumns,
          from: 'access_reviews',
          parentColumn: 'organization_id',
          conditions: position ? 'and (created_at, id) < (?, ?)' : '',
          conditionParams: [...(position ? [position.createdAt, position.id] : [])],
          orderBy: 'created_at desc, id desc',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
      return rows.map((row) => ({ parentId: row.organization_id as string, row: accessReviewRead(row) }));
    }, observing('organizationAccessReviewPages')),
    organizationAccessReviewCount: childCountLoader(async (parentIds) => {
      const rows = await em.execute<{ parent: string; count: string }[]>(
        'select organization_id as parent, count(*) from access_reviews where organization_id = any(?::uuid[]) group by organization_id',
        [sqlArray(parentIds)],
      );
      return new Map(rows.map((row) => [row.parent, Number(row.count)]));
    }, observing('organizationAccessReviewCount')),
    accessReview: byIds(
      async (ids) =>
        (
          await em.execute<Record<string, unknown>[]>(`select ${accessReviewColumns} from access_reviews where id = any(?::uuid[])`, [
            sqlArray(ids),
          ])
        ).map(accessReviewRead),
      observing('accessReview'),
    ),
    accessReviewProgress: new DataLoader(
      observing('accessReviewProgress')(async (reviewIds: readonly string[]) => {
        const rows = await em.execute<{ review_id: string; total: string; kept: string; revoked: string }[]>(
          `select review_id, count(*) as total, count(*) filter (where decision = 'keep') as kept,
             count(*) filter (where decision = 'revoke') as revoked
           from access_review_items where review_id = any(?::uuid[]) group by review_id`,
          [sqlArray(reviewIds)],
        );
        const byReview = new Map(rows.map((row) => [row.review_id, row]));
        return reviewIds.map((id) => {
          const row = byReview.get(id);
          const [total, kept, revoked] = [Number(row?.total ?? 0), Number(row?.kept ?? 0), Number(row?.revoked ?? 0)];
          return { total, kept, revoked, undecided: total - kept - revoked };
        });
      }),
    ),
    accessReviewItemPages: childPagesLoader(async ({ parentIds, filter, after, limit }) => {
      const where = decisionCondition(filter);
      const page = pagePerParent(
        {
          columns: accessReviewItemColumns,
          from: 'access_review_items i',
          parentColumn: 'i.review_id',
          conditions: `${where.sql} ${after === undefined ? '' : 'and i.position > ?'}`,
          conditionParams: [...where.params, ...(after === undefined ? [] : [sequencePositionOf(after)])],
          orderBy: 'i.position',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
      return rows.map((row) => ({ parentId: row.review_id as string, row: accessReviewItemRead(row) }));
    }, observing('accessReviewItemPages')),
    accessReviewItemCount: childCountLoader(async (parentIds, filter) => {
      const where = decisionCondition(filter);
      const rows = await em.execute<{ parent: string; count: string }[]>(
        `select i.review_id as parent, count(*) from access_review_items i where i.review_id = any(?::uuid[]) ${where.sql} group by i.review_id`,
        [sqlArray(parentIds), ...where.params],
      );
      return new Map(rows.map((row) => [row.parent, Number(row.count)]));
    }, observing('accessReviewItemCount')),
    accessReviewItem: byIds(
      async (ids) =>
        (
          await em.execute<Record<string, unknown>[]>(
            `select ${accessReviewItemColumns} from access_review_items i where i.id = any(?::uuid[])`,
            [sqlArray(ids)],
          )
        ).map(accessReviewItemRead),
      observing('accessReviewItem'),
    ),
  };
}
