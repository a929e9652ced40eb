import { useEffect, useRef, useState } from 'react';
import { allPages } from '../api/all-pages.js';
import { useAction } from '../api/use-action.js';
import { useQuery } from '../api/use-query.js';
import { downloadText } from '../download/download-text.js';
import { useSession } from '../session/use-session.js';
import { PageButtons, useCursorPages } from '../ui/cursor-pages.js';
import { DoneMessage, ErrorMessage, Loading, QueryErrors } from '../ui/messages.js';
import { reviewDecisionsFileName, reviewDecisionsJsonLines } from './access-review-export.js';
import { AccessReviewItemCard } from './access-review-item-card.js';
import { ReviewProgress } from './access-review-progress.js';
import { reviewAt, type ReviewLocation } from './access-review-location.js';
import { AccessReviewItemsQuery, reviewItemsPage } from './access-review-query.js';
import { decidedMessage, whenUndecidedLabels } from './access-review-words.js';

const pageSize = 20;

/**
 * One review: its dates, default and progress, its items a page at a time (all, or the undecided
 * only), each kept or revoked with a note, and every item's decision as JSON Lines (what `npm run
 * access-review:export` writes for operators). `onChanged` tells the list a decision moved its
 * progress; `onStale` that the review is not there any more (see `reviewAt`). Focus moves to
 * the review once it shows.
 */
export function AccessReviewPanel({
  location,
  onChanged,
  onStale,
}: {
  location: ReviewLocation;
  onChanged: () => void;
  onStale: () => void;
}) {
  const session = useSession();
  const [undecidedOnly, setUndecidedOnly] = useState(false);
  const [decided, setDecided] = useState<string>();
  const pages = useCursorPages();
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, errors, loading, reload } = useQuery(AccessReviewItemsQuery, {
    login: location.login,
    id: location.reviewId,
    decision: undecidedOnly ? 'UNDECIDED' : null,
    first: pageSize,
    after: pages.after,
  });
  const review = reviewAt(data);
  const stale = Boolean(data) && !review && !loading && errors.length === 0;
  useEffect(() => {
    if (stale) onStale();
  }, [stale, onStale]);
  const shown = Boolean(review);
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  const downloading = useAction();
  const download = () =>
    void downloading.run(async () => {
      // Every item, 100 a page to the end: the file holds the whole review, whatever the filter shows.
      const items = await allPages((after) => reviewItemsPage(location, null, 100, after));
      const exported = { id: location.reviewId, organization: location.login };
      downloadText(reviewDecisionsFileName(exported), reviewDecisionsJsonLines(exported, items), 'application/jsonl');
    });
  if (!review) return loading || stale ? <Loading /> : <QueryErrors errors={errors} />;
  const { items } = review;
  const dueAt = new Date(review.dueAt).toLocaleString();
  return (
    <section className="panel" aria-labelledby="review-heading">
      <h2 id="review-heading" tabIndex={-1} ref={heading}>
        Review due {dueAt} ({review.status === 'OPEN' ? 'open' : 'closed'})
      </h2>
      <p>
        Started {new Date(review.startedAt).toLocaleString()}
        {review.startedBy && <> by {review.startedBy.login}</>}; when undecided at the due date: {whenUndecidedLabels[review.whenUndecided]}
        .
      </p>
      <ReviewProgress label="Progress of this review" progress={review.progress} />
      <div className="row-controls">
        <label className="choice">
          <input
            type="checkbox"
            checked={undecidedOnly}
            onChange={(event) => {
              setUndecidedOnly(event.target.checked);
              pages.reset();
            }}
          />
          Undecided only
        </label>
        <button type="button" onClick={download} disabled={downloading.pending}>
          Download decisions (JSON Lines)
        </button>
      </div>
      <p className="muted">
        Operators export the same from the server: <code>npm run access-review:export -- --review {review.id}</code>
      </p>
      <ErrorMessage>{downloading.error}</ErrorMessage>
      <DoneMessage>{decided}</DoneMessage>
      <QueryErrors errors={errors} />
      <p aria-live="polite">
        {loading
          ? `Loading page ${pages.page}…`
          : items.totalCount === 0
            ? undecidedOnly
              ? 'No undecided item: every item is decided.'
              : 'This review holds no item.'
            : `${items.totalCount} ${undecidedOnly ? 'undecided ' : ''}items` +
              (pages.page > 1 || items.pageInfo.hasNextPage ? ` (page ${pages.page})` : '')}
      </p>
      <ul className="card-list" aria-label="Items" aria-busy={loading}>
        {items.nodes.map((item) => (
          <AccessReviewItemCard
            key={item.id}
            item={item}
            review={review}
            viewerId={session?.user.id}
            onDecided={(decidedItem) => {
              setDecided(decidedMessage(decidedItem));
              reload();
              onChanged();
            }}
          />
        ))}
      </ul>
      <PageButtons pages={pages} pageInfo={items.pageInfo} />
    </section>
  );
}
