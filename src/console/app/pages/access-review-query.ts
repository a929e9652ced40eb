import { ApiFailure } from '../api/api-error.js';
import { graphqlRequest } from '../api/graphql-request.js';
import { graphql } from '../gql/index.js';
import { reviewAt, type ReviewLocation } from './access-review-location.js';
import type { AccessReviewItemFieldsFragment, AccessReviewItemFilter, AccessReviewSummaryFragment } from '../gql/graphql.js';

graphql(`
  fragment AccessReviewSummary on AccessReview {
    id
    startedAt
    dueAt
    whenUndecided
    status
    closedAt
    startedBy {
      login
    }
    progress {
      total
      kept
      revoked
      undecided
    }
  }
`);

graphql(`
  fragment AccessReviewItemFields on AccessReviewItem {
    id
    kind
    resourceType
    resourceName
    role
    customRole
    permission
    expiresAt
    description
    changedSinceSnapshot
    current
    decision
    decidedByName
    decidedAt
    note
    removed
    user {
      id
      login
      name
    }
  }
`);

/** A review as its list and its panel show it: dates, status, default and progress. */
export type AccessReviewSummary = AccessReviewSummaryFragment;

/** One item of a review, as the panel shows it and the download writes it. */
export type AccessReviewItemShown = AccessReviewItemFieldsFragment;

/** A page of an organization's reviews, newest first, each edge's cursor kept to read one review's items. */
export const AccessReviewsQuery = graphql(`
  query AccessReviews($login: String!, $first: Int!, $after: String) {
    organization(login: $login) {
      id
      accessReviews(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...AccessReviewSummary
          }
        }
      }
    }
  }
`);

/** One review, by id, and a page of its items. */
export const AccessReviewItemsQuery = graphql(`
  query AccessReviewItems($login: String!, $id: ID!, $decision: AccessReviewItemFilter, $first: Int!, $after: String) {
    organization(login: $login) {
      id
      accessReview(id: $id) {
        ...AccessReviewSummary
        items(decision: $decision, first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...AccessReviewItemFields
          }
        }
      }
    }
  }
`);

export const StartAccessReviewMutation = graphql(`
  mutation ConsoleStartAccessReview($input: StartAccessReviewInput!) {
    startAccessReview(input: $input) {
      accessReview {
        id
      }
    }
  }
`);

export const DecideAccessReviewItemMutation = graphql(`
  mutation ConsoleDecideAccessReviewItem($input: DecideAccessReviewItemInput!) {
    decideAccessReviewItem(input: $input) {
      item {
        ...AccessReviewItemFields
      }
    }
  }
`);

/** One page of a review's items, for reading them all: the API's sentences thrown when it refuses. */
export async function reviewItemsPage(
  location: ReviewLocation,
  decision: AccessReviewItemFilter | null,
  first: number,
  after: string | null,
) {
  const { data, errors } = await graphqlRequest(AccessReviewItemsQuery, {
    login: location.login,
    id: location.reviewId,
    decision,
    first,
    after,
  });
  const items = reviewAt(data)?.items;
  if (!items) throw new ApiFailure(errors.length ? errors : [{ message: 'This review is not there any more: choose another.' }]);
  return items;
}
