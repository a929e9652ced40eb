/** Where one review is read from: its organization and its id (`Organization.accessReview(id:)`). */
export interface ReviewLocation {
  readonly login: string;
  readonly reviewId: string;
}

/**
 * The review an answer to `organization { accessReview(id:) }` holds: undefined when there is none
 * (an id the organization has no review by answers null, as another organization's does).
 */
export function reviewAt<TReview extends { readonly id: string }>(
  answer: { readonly organization?: { readonly accessReview?: TReview | null } | null } | null | undefined,
): TReview | undefined {
  return answer?.organization?.accessReview ?? undefined;
}
