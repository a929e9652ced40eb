import type { EntityManager } from '../../db/database.js';
import {
  accessReviewColumns,
  accessReviewItemColumns,
  accessReviewItemRead,
  accessReviewRead,
  type AccessReviewItemRead,
  type AccessReviewRead,
} from './access-review-read.js';

/** An item with its review, as a decision reads them. */
export interface ReviewedItem {
  readonly item: AccessReviewItemRead;
  readonly review: AccessReviewRead;
}

/**
 * An item and its review by the item's id, in one statement, through `em` (the request's, or a
 * unit of work's transaction: what it sees); undefined when there is none.
 */
export async function findReviewItem(em: EntityManager, itemId: string): Promise<ReviewedItem | undefined> {
  const reviewColumns = accessReviewColumns
    .split(', ')
    .map((column) => `r.${column} as review_${column}`)
    .join(', ');
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${accessReviewItemColumns}, ${reviewColumns} from access_review_items i join access_reviews r on r.id = i.review_id where i.id = ?`,
    [itemId],
  );
  if (!row) return undefined;
  const reviewRow = Object.fromEntries(accessReviewColumns.split(', ').map((column) => [column, row[`review_${column}`]]));
  return { item: accessReviewItemRead(row), review: accessReviewRead(reviewRow) };
}
