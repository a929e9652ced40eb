import { graphql } from '../gql/index.js';

/** One page of an organization's audit log, newest first, narrowed by a filter. */
export const AuditLogPageQuery = graphql(`
  query AuditLogPage($login: String!, $first: Int!, $after: String, $filter: AuditLogFilter) {
    organization(login: $login) {
      id
      auditLog(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          action
          createdAt
          resourceType
          resourceId
          before
          after
          requestId
          actor {
            id
            login
          }
          targetUser {
            id
            login
          }
        }
      }
    }
  }
`);

/** An organization's new audit entries, live: the page reads itself again at each. */
export const AuditLogEntriesSubscription = graphql(`
  subscription AuditLogEntries($organizationId: ID!) {
    auditLogEntries(organizationId: $organizationId) {
      id
    }
  }
`);
