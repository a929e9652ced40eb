import { useState } from 'react';
import { useLiveReload } from '../api/use-live-reload.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import type { AccessRequestStatus } from '../gql/graphql.js';
import { useOrganization } from '../layout/organization-context.js';
import { Loading, QueryErrors } from '../ui/messages.js';
import { AccessRequestCard } from './access-request-card.js';
import { Field } from '../ui/field.js';

const AccessRequestsPageQuery = graphql(`
  query AccessRequestsPage($login: String!, $status: AccessRequestStatus!) {
    organization(login: $login) {
      id
      accessRequests(status: $status, first: 50) {
        totalCount
        nodes {
          id
          permission
          resourceName
          reason
          status
          createdAt
          decidedAt
          decisionReason
          requester {
            id
            login
            name
          }
          decidedBy {
            login
          }
          grant {
            id
            expiresAt
          }
        }
      }
    }
  }
`);

const statuses: ReadonlyArray<{ value: AccessRequestStatus; label: string }> = [
  { value: 'PENDING', label: 'Pending' },
  { value: 'APPROVED', label: 'Approved' },
  { value: 'DENIED', label: 'Denied' },
];

const AccessRequestEventsSubscription = graphql(`
  subscription AccessRequestEvents($organizationId: ID!) {
    accessRequestEvents(organizationId: $organizationId) {
      id
    }
  }
`);

/** Access requests (`manage_members`): pending ones to approve (a grant with an end) or deny (with a reason), and past decisions. */
export function AccessRequestsPage() {
  const organization = useOrganization();
  const [status, setStatus] = useState<AccessRequestStatus>('PENDING');
  const { data, errors, loading, reload } = useQuery(AccessRequestsPageQuery, { login: organization.login, status });
  // Requests appear and move as they are made and decided, by anyone.
  useLiveReload(AccessRequestEventsSubscription, { organizationId: organization.id }, reload);
  const requests = data?.organization?.accessRequests;
  return (
    <section aria-labelledby="access-requests-heading">
      <h1 id="access-requests-heading">Access requests</h1>
      <Field label="Show">
        {(id) => (
          <select id={id} value={status} onChange={(event) => setStatus(event.target.value as AccessRequestStatus)}>
            {statuses.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <QueryErrors errors={errors} />
      {loading && !requests && <Loading />}
      {requests && requests.nodes.length === 0 && <p>No {status.toLowerCase()} request.</p>}
      <ul className="card-list">
        {requests?.nodes.map((request) => (
          <AccessRequestCard key={request.id} request={request} onDecided={reload} />
        ))}
      </ul>
    </section>
  );
}
