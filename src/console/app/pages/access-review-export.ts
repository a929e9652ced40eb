import type { AccessReviewItemShown } from './access-review-query.js';

/** The review a download is about. */
interface ExportedReview {
  readonly id: string;
  readonly organization: string;
}

/**
 * A review's items as JSON Lines, one item a line in snapshot order, in the fields `npm run
 * access-review:export` writes (`review`, `organization`, `item`, `user`, `kind`, ..., `decision`,
 * `decidedBy`, `decidedAt`, `note`, `removed`), lowercase values as it writes them; but `position`,
 * which the API does not show (the lines are in its order).
 */
export function reviewDecisionsJsonLines(review: ExportedReview, items: readonly AccessReviewItemShown[]): string {
  const lines = items.map((item) =>
    JSON.stringify({
      review: review.id,
      organization: review.organization,
      item: item.id,
      user: item.user.login,
      kind: item.kind.toLowerCase(),
      resourceType: item.resourceType.toLowerCase(),
      resource: item.resourceName,
      role: item.role ?? null,
      customRole: item.customRole,
      permission: item.permission ?? null,
      expiresAt: item.expiresAt ?? null,
      decision: item.decision?.toLowerCase() ?? null,
      decidedBy: item.decidedByName ?? null,
      decidedAt: item.decidedAt ?? null,
      note: item.note ?? null,
      removed: item.removed ?? null,
    }),
  );
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The download's name: `beatles-access-review-<id>.jsonl`, the id the operator command takes. */
export function reviewDecisionsFileName(review: ExportedReview): string {
  return `${review.organization}-access-review-${review.id}.jsonl`;
}
