import { useId, useState } from 'react';
import { ApiFailure } from '../api/api-error.js';
import { mutate, useAction } from '../api/use-action.js';
import type { AccessReviewDecision } from '../gql/graphql.js';
import { Field } from '../ui/field.js';
import { ErrorMessage } from '../ui/messages.js';
import { DecideAccessReviewItemMutation, type AccessReviewItemShown, type AccessReviewSummary } from './access-review-query.js';
import { decisionText, itemKindLabels, undecidableReason } from './access-review-words.js';

/** A moment as the console shows it, machine-readable underneath. */
function Moment({ iso }: { iso: string }) {
  return <time dateTime={iso}>{new Date(iso).toLocaleString()}</time>;
}

/**
 * One item of a review: whose access, what it is (kind, resource, role or permission and its end),
 * what stands there today when it changed since the snapshot, and its decision. An undecided item
 * offers Keep and Revoke with a note, unless it is the viewer's own access or the review is past
 * due (the API would refuse both: the card says why instead). Decisions are final.
 */
export function AccessReviewItemCard({
  item: listed,
  review,
  viewerId,
  onDecided,
}: {
  item: AccessReviewItemShown;
  review: AccessReviewSummary;
  viewerId: string | undefined;
  onDecided: (item: AccessReviewItemShown) => void;
}) {
  // The API's answer to this reviewer's decision, shown at once (the list is read again after it).
  const [decidedNow, setDecidedNow] = useState<AccessReviewItemShown>();
  const item = decidedNow ?? listed;
  const [note, setNote] = useState('');
  const descriptionId = useId();
  const deciding = useAction();
  const { login } = item.user;
  const decide = (decision: AccessReviewDecision) =>
    void deciding.run(async () => {
      const { decideAccessReviewItem } = await mutate(DecideAccessReviewItemMutation, {
        input: { itemId: item.id, decision, note: note.trim() || null },
      });
      if (!decideAccessReviewItem?.item) throw new ApiFailure([{ message: 'The server answered nothing.' }]);
      setDecidedNow(decideAccessReviewItem.item);
      onDecided(decideAccessReviewItem.item);
    });
  const undecidable = item.decision ? undefined : undecidableReason(item, review, viewerId);
  return (
    <li aria-label={`${login}: ${item.description}`}>
      <h3>
        {item.user.name} ({login})
      </h3>
      <p id={descriptionId}>{item.description}</p>
      <ul className="chips" aria-label="What it is">
        <li className="chip">{itemKindLabels[item.kind]}</li>
        <li className="chip">{item.resourceName}</li>
        {item.role && <li className="chip">{item.customRole ? `custom role ${item.role}` : `role ${item.role}`}</li>}
        {item.permission && <li className="chip">{item.permission}</li>}
        {item.expiresAt && (
          <li className="chip chip-ends">
            until <Moment iso={item.expiresAt} />
          </li>
        )}
      </ul>
      {item.changedSinceSnapshot && <p className="message message-notice">{item.current}</p>}
      {item.decision ? (
        <p className="decided">
          <strong>{decisionText(item)}</strong>
          {item.decidedAt && (
            <>
              {' '}
              on <Moment iso={item.decidedAt} />
            </>
          )}
          .{item.note && <> Note: “{item.note}”</>}
        </p>
      ) : undecidable ? (
        <p className="muted">{undecidable}</p>
      ) : (
        <div className="row-controls">
          <Field label={`Note on ${login}'s item (optional)`}>
            {(id) => <input id={id} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />}
          </Field>
          <button type="button" aria-describedby={descriptionId} onClick={() => decide('KEEP')} disabled={deciding.pending}>
            Keep
          </button>
          <button
            type="button"
            className="danger"
            aria-describedby={descriptionId}
            onClick={() => decide('REVOKE')}
            disabled={deciding.pending}
          >
            Revoke
          </button>
        </div>
      )}
      <ErrorMessage>{deciding.error}</ErrorMessage>
    </li>
  );
}
