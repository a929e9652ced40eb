import { allPages } from '../api/all-pages.js';
import { ApiFailure } from '../api/api-error.js';
import { graphqlRequest } from '../api/graphql-request.js';
import { graphql } from '../gql/index.js';
import type { HeldResource } from './held-access-table.js';

graphql(`
  fragment HeldResource on ResourceAccess {
    resourceId
    name
    permissions {
      permission
      via {
        ...AccessPathFields
      }
    }
  }
`);

const AccessOfQuery = graphql(`
  query MemberAccessOf($login: String!, $userId: ID!, $after: String) {
    organization(login: $login) {
      id
      accessOf(userId: $userId, first: 25, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...HeldResource
        }
      }
    }
  }
`);

/**
 * Ends everything the person holds in the organization; answers what they held before (the
 * permissions, whose paths the panel showed from `accessOf`) and after, paths included.
 *
 * Note: the query cost counts each unpaged list as 20 items; with every path of both reports an
 * offboarding would be near the API's cost limit, so `before` is asked without its paths.
 */
export const OffboardMemberMutation = graphql(`
  mutation ConsoleOffboardMember($input: OffboardMemberInput!) {
    offboardMember(input: $input) {
      before {
        resourceId
        name
        permissions {
          permission
        }
      }
      after {
        ...HeldResource
      }
    }
  }
`);

/**
 * Everything one person holds in an organization (`accessOf`), every page of it: 25 resources a
 * page, as each counts up to 20 permissions of 20 paths against the API's query cost.
 */
export function heldInOrganization(login: string, userId: string): Promise<HeldResource[]> {
  return allPages(async (after) => {
    const { data, errors } = await graphqlRequest(AccessOfQuery, { login, userId, after });
    const held = data?.organization?.accessOf;
    if (!held) throw new ApiFailure(errors.length ? errors : [{ message: 'The server answered nothing.' }]);
    return held;
  });
}
