import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../api/api-error.js';
import { mutate, useAction } from '../api/use-action.js';
import type { AccessReviewDecision } from '../gql/graphql.js';
import { useOrganization } from '../layout/organization-context.js';
import { Field } from '../ui/field.js';
import { ErrorMessage } from '../ui/messages.js';
import { dueAtOf, dueDateChoices } from './access-review-dates.js';
import { StartAccessReviewMutation } from './access-review-query.js';
import { whenUndecidedLabels } from './access-review-words.js';

/**
 * "Start a review": the day it is due (through the end of that day; from today to a year ahead,
 * as the API allows) and what undecided items become then. Refusals (5 open reviews already) are
 * the API's sentences; `onStarted` gets the new review's id.
 */
export function StartAccessReviewForm({ onStarted }: { onStarted: (reviewId: string) => void }) {
  const organization = useOrganization();
  const [choices] = useState(() => dueDateChoices(new Date()));
  const [day, setDay] = useState(choices.suggested);
  const [whenUndecided, setWhenUndecided] = useState<AccessReviewDecision>('KEEP');
  const starting = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void starting.run(async () => {
      const { startAccessReview } = await mutate(StartAccessReviewMutation, {
        input: { organizationId: organization.id, dueAt: dueAtOf(day), whenUndecided },
      });
      const started = startAccessReview?.accessReview;
      if (!started) throw new ApiFailure([{ message: 'The server answered nothing.' }]);
      onStarted(started.id);
    });
  };
  return (
    <section aria-labelledby="start-review-heading">
      <h2 id="start-review-heading">Start a review</h2>
      <p>
        A review takes a snapshot of everything people hold in {organization.name} now (memberships, repository roles, direct grants);
        reviewers keep or revoke each item until the due date.
      </p>
      <form onSubmit={submit} className="stacked-form" aria-label="Start a review">
        <Field label="Due on">
          {(id) => (
            <input
              id={id}
              type="date"
              required
              min={choices.min}
              max={choices.max}
              value={day}
              onChange={(event) => setDay(event.target.value)}
            />
          )}
        </Field>
        <fieldset>
          <legend>When undecided at the due date</legend>
          <div className="row-controls">
            {(['KEEP', 'REVOKE'] as const).map((choice) => (
              <label key={choice} className="choice">
                <input
                  type="radio"
                  name="when-undecided"
                  value={choice}
                  checked={whenUndecided === choice}
                  onChange={() => setWhenUndecided(choice)}
                />
                {whenUndecidedLabels[choice]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={starting.pending}>
          Start review
        </button>
      </form>
      <ErrorMessage>{starting.error}</ErrorMessage>
    </section>
  );
}
