import { graphql } from './gql/index.js';

/** Signs in with an email and a password: the access token goes in `Authorization: Bearer`. */
export const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      accessToken
      expiresIn
    }
  }
`);

/** An organization's repositories the viewer can see, with what the viewer may do on each. */
export const RepositoriesOf = graphql(`
  query RepositoriesOf($owner: String!) {
    organization(login: $owner) {
      repositories(first: 50) {
        nodes {
          id
          name
          viewerPermissions
        }
      }
    }
  }
`);

/** Whether the viewer may do one thing on one repository: `action` is typed (`RepositoryPermission`). */
export const MayOnRepository = graphql(`
  query MayOnRepository($owner: String!, $name: String!, $action: RepositoryPermission!) {
    repository(owner: $owner, name: $name) {
      id
      viewerCan(action: $action)
    }
  }
`);
