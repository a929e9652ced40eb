import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';

const MyAccessRequestsQuery = graphql(`
  query MyAccessRequests {
    viewer {
      id
      accessRequests(first: 20) {
        nodes {
          id
          permission
          resourceName
          reason
          status
          createdAt
          decisionReason
          grant {
            id
            expiresAt
          }
        }
      }
    }
  }
`);

const statusWords = { PENDING: 'waiting for a decision', APPROVED: 'approved', DENIED: 'denied' } as const;

/** The viewer's own access requests and what became of them (shown only when there are some). */
export function MyAccessRequests() {
  const { data } = useQuery(MyAccessRequestsQuery, {});
  const requests = data?.viewer.accessRequests?.nodes ?? [];
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="my-access-requests">
      <h2 id="my-access-requests">Your access requests</h2>
      <ul className="card-list">
        {requests.map((request) => (
          <li key={request.id}>
            <strong>{request.permission}</strong> on {request.resourceName}: {statusWords[request.status]}
            {request.grant && <> until {new Date(request.grant.expiresAt).toLocaleDateString()}</>}
            {request.decisionReason && <> ({request.decisionReason})</>}
            <p className="muted">Your reason: {request.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
