import { useState } from 'react';
import { ApiFailure } from '../api/api-error.js';
import { mutate, useAction } from '../api/use-action.js';
import { graphql } from '../gql/index.js';
import { ErrorMessage } from '../ui/messages.js';
import { daysFromNow } from './resource-choices.js';
import { Field } from '../ui/field.js';

const ApproveAccessRequest = graphql(`
  mutation ConsoleApproveAccessRequest($input: ApproveAccessRequestInput!) {
    approveAccessRequest(input: $input) {
      accessRequest {
        id
        status
      }
    }
  }
`);

const DenyAccessRequest = graphql(`
  mutation ConsoleDenyAccessRequest($input: DenyAccessRequestInput!) {
    denyAccessRequest(input: $input) {
      accessRequest {
        id
        status
      }
    }
  }
`);

interface AccessRequestShown {
  readonly id: string;
  readonly permission: string;
  readonly resourceName: string;
  readonly reason: string;
  readonly status: string;
  readonly createdAt: string;
  readonly decisionReason?: string | null;
  readonly requester: { readonly login: string; readonly name: string };
  readonly decidedBy?: { readonly login: string } | null;
  readonly grant?: { readonly expiresAt: string } | null;
}

/** One request; a pending one with "Approve" (for a number of days) and "Deny" (with a reason the requester sees). */
export function AccessRequestCard({ request, onDecided }: { request: AccessRequestShown; onDecided: () => void }) {
  const [days, setDays] = useState(7);
  const [denial, setDenial] = useState('');
  const deciding = useAction();
  const label = `${request.requester.login} asks for ${request.permission} on ${request.resourceName}`;
  const approve = () =>
    void deciding
      .run(async () => {
        await mutate(ApproveAccessRequest, { input: { requestId: request.id, expiresAt: daysFromNow(days) } });
      })
      .then((done) => done && onDecided());
  const deny = () =>
    void deciding
      .run(async () => {
        if (!denial.trim())
          throw new ApiFailure([
            { message: 'Write a reason for denying first: the requester sees it.', extensions: { code: 'BAD_USER_INPUT' } },
          ]);
        await mutate(DenyAccessRequest, { input: { requestId: request.id, reason: denial } });
      })
      .then((done) => done && onDecided());
  return (
    <li aria-label={label}>
      <h2>
        {request.requester.name} ({request.requester.login}) asks for <code>{request.permission}</code> on {request.resourceName}
      </h2>
      <p>“{request.reason}”</p>
      <p className="muted">Asked {new Date(request.createdAt).toLocaleString()}.</p>
      {request.status === 'PENDING' ? (
        <div className="decision">
          <div className="row-controls">
            <Field label="Days of access">
              {(id) => (
                <input id={id} type="number" min={1} max={3650} value={days} onChange={(event) => setDays(Number(event.target.value))} />
              )}
            </Field>
            <button type="button" onClick={approve} disabled={deciding.pending}>
              Approve
            </button>
          </div>
          <div className="row-controls">
            <Field label="Reason for denying">
              {(id) => <input id={id} maxLength={500} value={denial} onChange={(event) => setDenial(event.target.value)} />}
            </Field>
            <button type="button" className="danger" onClick={deny} disabled={deciding.pending}>
              Deny
            </button>
          </div>
        </div>
      ) : (
        <p>
          {request.status === 'APPROVED' ? 'Approved' : 'Denied'} by {request.decidedBy?.login ?? 'someone'}
          {request.grant && <>, until {new Date(request.grant.expiresAt).toLocaleString()}</>}
          {request.decisionReason && <>: {request.decisionReason}</>}.
        </p>
      )}
      <ErrorMessage>{deciding.error}</ErrorMessage>
    </li>
  );
}
