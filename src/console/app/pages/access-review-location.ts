/**
 * Where one review is read from: the organization, the review's id, and the cursor of the review
 * listed before it (null: it is the newest).
 *
 * Note: the API reads a review only through `Organization.accessReviews` (newest first), so one
 * review is asked for as `accessReviews(first: 1, after: before)`. A cursor holds its review's place
 * (time and id) and new reviews only join at the front, so that is the same review unless one was
 * started since the list was read and `before` is null: `reviewAt` checks the id.
 */
export interface ReviewLocation {
  readonly login: string;
  readonly reviewId: string;
  readonly before: string | null;
}

/**
 * The location of the chosen review on a page of the list: the cursor before it is its
 * predecessor's on the page, or the page's own `after` for the first; undefined when it is not on the page.
 */
export function reviewLocation(
  login: string,
  page: {
    readonly after: string | null;
    readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: { readonly id: string } }>;
  },
  reviewId: string | undefined,
): ReviewLocation | undefined {
  const index = page.edges.findIndex((edge) => edge.node.id === reviewId);
  if (!reviewId || index < 0) return undefined;
  return { login, reviewId, before: index === 0 ? page.after : page.edges[index - 1]!.cursor };
}

/** The review an answer to `accessReviews(first: 1, after: before)` holds, when it is the one asked for. */
export function reviewAt<TReview extends { readonly id: string }>(
  answer: { readonly organization?: { readonly accessReviews?: { readonly nodes: readonly TReview[] } | null } | null } | null | undefined,
  reviewId: string,
): TReview | undefined {
  const review = answer?.organization?.accessReviews?.nodes[0];
  return review?.id === reviewId ? review : undefined;
}
