import type { AccessReviewDecision, AccessReviewItemKind } from '../gql/graphql.js';

/** What an item is, in a word or two. */
export const itemKindLabels: Readonly<Record<AccessReviewItemKind, string>> = {
  MEMBERSHIP: 'Membership',
  REPOSITORY_ROLE: 'Repository role',
  GRANT: 'Direct grant',
};

/** What undecided items become at the due date, as the start form offers it and a review says it. */
export const whenUndecidedLabels: Readonly<Record<AccessReviewDecision, string>> = {
  KEEP: 'keep',
  REVOKE: 'revoke',
};

/** `3 of 9 decided: 2 kept, 1 revoked, 6 undecided.` */
export function progressText(progress: { total: number; kept: number; revoked: number; undecided: number }): string {
  const decided = progress.kept + progress.revoked;
  return `${decided} of ${progress.total} decided: ${progress.kept} kept, ${progress.revoked} revoked, ${progress.undecided} undecided.`;
}

/** An item's decision, as the item shows it. */
interface DecidedItem {
  readonly decision?: AccessReviewDecision | null;
  readonly decidedByName?: string | null;
  readonly removed?: boolean | null;
}

/**
 * Who decided what, in words (the time is shown beside it): `Revoked by john`, `Kept at the due
 * date (the review's default)`; a REVOKE that found the access gone already says it removed nothing.
 */
export function decisionText(item: DecidedItem): string {
  const verb = item.decision === 'REVOKE' ? 'Revoked' : 'Kept';
  const by = item.decidedByName === 'system' ? "at the due date (the review's default)" : `by ${item.decidedByName ?? 'someone'}`;
  const nothingRemoved = item.decision === 'REVOKE' && item.removed === false ? ': nothing was removed, it had changed already' : '';
  return `${verb} ${by}${nothingRemoved}`;
}

/**
 * Why an undecided item offers no Keep or Revoke: the viewer's own access (the API refuses it), or
 * a review past its due date; undefined when the viewer may decide it.
 */
export function undecidableReason(
  item: { readonly user: { readonly id: string } },
  review: { readonly status: string; readonly whenUndecided: AccessReviewDecision },
  viewerId: string | undefined,
): string | undefined {
  const becomes = review.whenUndecided === 'KEEP' ? 'kept' : 'revoked';
  if (review.status !== 'OPEN') return `Undecided: the review is past its due date, so it is ${becomes} as the review says.`;
  if (item.user.id === viewerId) return `This is your own access: another reviewer decides it, or at the due date it is ${becomes}.`;
  return undefined;
}

/** What the panel says once a reviewer decided an item: `paul: Membership: … Revoked: removed at once.` */
export function decidedMessage(item: DecidedItem & { readonly user: { readonly login: string }; readonly description: string }): string {
  const outcome =
    item.decision === 'KEEP'
      ? 'Kept.'
      : item.removed === false
        ? 'Revoked: nothing was removed, it had changed already.'
        : 'Revoked: removed at once.';
  return `${item.user.login}: ${item.description} ${outcome}`;
}
