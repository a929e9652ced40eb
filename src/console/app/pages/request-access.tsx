import { useState, type FormEvent } from 'react';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { DoneMessage, ErrorMessage } from '../ui/messages.js';
import { Field } from '../ui/field.js';

const RequestAccessMutation = graphql(`
  mutation ConsoleRequestAccess($input: RequestAccessInput!) {
    requestAccess(input: $input) {
      accessRequest {
        id
        status
      }
    }
  }
`);

/**
 * Where a page shows the viewer lacks a permission: "Request access" opens a reason field; the
 * request goes to those who manage members there (`requestAccess`).
 */
export function RequestAccess({ permission, resourceId, resourceName }: { permission: string; resourceId: string; resourceName: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const requesting = useAction(`Request sent: those who manage members decide on ${permission} for ${resourceName}.`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void requesting
      .run(async () => {
        await mutate(RequestAccessMutation, { input: { permission, resourceId, reason } });
      })
      .then((sent) => sent && setOpen(false));
  };
  return (
    <div className="request-access">
      {open ? (
        <form onSubmit={submit} className="stacked-form" aria-label={`Request ${permission}`}>
          <Field label="Reason">
            {(id) => <textarea id={id} required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <div className="row-controls">
            <button type="submit" disabled={requesting.pending}>
              Send request
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        !requesting.done && (
          <button type="button" onClick={() => setOpen(true)}>
            Request access
          </button>
        )
      )}
      <ErrorMessage>{requesting.error}</ErrorMessage>
      <DoneMessage>{requesting.done}</DoneMessage>
    </div>
  );
}
