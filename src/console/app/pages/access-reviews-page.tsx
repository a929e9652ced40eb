import { useState } from 'react';
import { useQuery } from '../api/use-query.js';
import { useOrganization } from '../layout/organization-context.js';
import { PageButtons, useCursorPages } from '../ui/cursor-pages.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { AccessReviewPanel } from './access-review-panel.js';
import { ReviewProgress } from './access-review-progress.js';
import { AccessReviewsQuery } from './access-review-query.js';
import { whenUndecidedLabels } from './access-review-words.js';
import { StartAccessReviewForm } from './start-access-review-form.js';

const pageSize = 10;

/**
 * Access reviews (`review_access`): start one, the organization's reviews newest first with their
 * progress, and the one chosen with its items to keep or revoke (a review just started is chosen).
 */
export function AccessReviewsPage() {
  const organization = useOrganization();
  const pages = useCursorPages();
  const { data, errors, loading, reload } = useQuery(AccessReviewsQuery, {
    login: organization.login,
    first: pageSize,
    after: pages.after,
  });
  const [chosen, setChosen] = useState<string>();
  const reviews = data?.organization?.accessReviews;
  const edges = reviews?.edges ?? [];
  const location = chosen ? { login: organization.login, reviewId: chosen } : undefined;
  const started = (reviewId: string) => {
    pages.reset();
    setChosen(reviewId);
    reload();
  };
  return (
    <section aria-labelledby="access-reviews-heading">
      <h1 id="access-reviews-heading">Access reviews</h1>
      <StartAccessReviewForm onStarted={started} />
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews</h2>
        <QueryErrors errors={errors} />
        {loading && !reviews && <Loading />}
        {reviews?.totalCount === 0 && <p>No review yet.</p>}
        <ul className="card-list" aria-busy={loading}>
          {edges.map(({ node: review }) => {
            const due = new Date(review.dueAt).toLocaleString();
            return (
              <li key={review.id} aria-label={`Review due ${due}`}>
                <h3>
                  Due {due} <span className="badge">{review.status === 'OPEN' ? 'open' : 'closed'}</span>
                </h3>
                <p className="muted">
                  Started {new Date(review.startedAt).toLocaleString()}
                  {review.startedBy && <> by {review.startedBy.login}</>}; when undecided: {whenUndecidedLabels[review.whenUndecided]}.
                </p>
                <ReviewProgress label={`Progress of the review due ${due}`} progress={review.progress} />
                <button type="button" aria-pressed={review.id === chosen} onClick={() => setChosen(review.id)}>
                  Show items
                </button>
              </li>
            );
          })}
        </ul>
        {reviews && <PageButtons pages={pages} pageInfo={reviews.pageInfo} />}
      </section>
      {location && (
        <AccessReviewPanel
          key={location.reviewId}
          location={location}
          onChanged={reload}
          onStale={() => {
            setChosen(undefined);
            reload();
          }}
        />
      )}
    </section>
  );
}
