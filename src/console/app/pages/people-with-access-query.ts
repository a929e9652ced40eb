import { ApiFailure } from '../api/api-error.js';
import { graphqlRequest } from '../api/graphql-request.js';
import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import type { AccessHoldersFragment, OrganizationPermission, RepositoryPermission } from '../gql/graphql.js';

graphql(`
  fragment AccessHolders on AccessHolderConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      user {
        id
        login
        name
      }
      via {
        ...AccessPathFields
      }
    }
  }
`);

const OrganizationHoldersQuery = graphql(`
  query OrganizationPeopleWithAccess($login: String!, $permission: OrganizationPermission!, $first: Int!, $after: String) {
    organization(login: $login) {
      id
      peopleWithAccess(permission: $permission, first: $first, after: $after) {
        ...AccessHolders
      }
    }
  }
`);

const RepositoryHoldersQuery = graphql(`
  query RepositoryPeopleWithAccess($owner: String!, $name: String!, $permission: RepositoryPermission!, $first: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      id
      peopleWithAccess(permission: $permission, first: $first, after: $after) {
        ...AccessHolders
      }
    }
  }
`);

/** The resource whose people with access are asked for, and its name as people know it. */
export type AccessTarget =
  | { readonly resourceType: 'ORGANIZATION'; readonly login: string; readonly label: string }
  | { readonly resourceType: 'REPOSITORY'; readonly owner: string; readonly name: string; readonly label: string };

/** One page of holders: who, and every path that gives them the permission. */
export type AccessHolders = AccessHoldersFragment;

// Note: `action` comes from the API's permission catalog for the target's resource type, and the
// typed enums are generated from the same permission table: it is one of their values.
function pageOf<TPermission extends OrganizationPermission | RepositoryPermission>(action: string, first: number, after: string | null) {
  return { permission: action as TPermission, first, after };
}

/** The page of holders shown, asked again when the permission or the page changes (the other resource type's query waits). */
export function useAccessHolders(target: AccessTarget, action: string, first: number, after: string | null) {
  const onOrganization = target.resourceType === 'ORGANIZATION';
  const organization = useQuery(
    OrganizationHoldersQuery,
    { login: onOrganization ? target.login : '', ...pageOf<OrganizationPermission>(action, first, after) },
    { skip: !onOrganization },
  );
  const repository = useQuery(
    RepositoryHoldersQuery,
    {
      owner: onOrganization ? '' : target.owner,
      name: onOrganization ? '' : target.name,
      ...pageOf<RepositoryPermission>(action, first, after),
    },
    { skip: onOrganization },
  );
  const holders = onOrganization ? organization.data?.organization?.peopleWithAccess : repository.data?.repository?.peopleWithAccess;
  const { errors, loading } = onOrganization ? organization : repository;
  return { holders, errors, loading };
}

/** One page of holders, for reading them all: the API's sentences thrown when it refuses. */
export async function accessHoldersPage(target: AccessTarget, action: string, first: number, after: string | null): Promise<AccessHolders> {
  const { holders, errors } =
    target.resourceType === 'ORGANIZATION'
      ? await graphqlRequest(OrganizationHoldersQuery, {
          login: target.login,
          ...pageOf<OrganizationPermission>(action, first, after),
        }).then(({ data, errors }) => ({
          holders: data?.organization?.peopleWithAccess,
          errors,
        }))
      : await graphqlRequest(RepositoryHoldersQuery, {
          owner: target.owner,
          name: target.name,
          ...pageOf<RepositoryPermission>(action, first, after),
        }).then(({ data, errors }) => ({
          holders: data?.repository?.peopleWithAccess,
          errors,
        }));
  if (!holders) throw new ApiFailure(errors.length ? errors : [{ message: 'The server answered nothing.' }]);
  return holders;
}
