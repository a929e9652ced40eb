import { graphql } from '../gql/index.js';
import { ApiFailure } from './api-error.js';
import { graphqlRequest } from './graphql-request.js';

const UserByLogin = graphql(`
  query ConsoleUserByLogin($login: String!) {
    user(login: $login) {
      id
      login
    }
  }
`);

/** The id of a user named by login (forms take logins, mutations ids); throws the API's sentence when there is none. */
export async function userIdOf(login: string): Promise<string> {
  const { data, errors } = await graphqlRequest(UserByLogin, { login: login.trim() });
  if (data?.user) return data.user.id;
  // A login that names nobody: said with the login, not as the API's generic NOT_FOUND.
  const missing = errors.every((error) => error.extensions?.code === 'NOT_FOUND');
  throw new ApiFailure(missing ? [{ message: `There is no user "${login.trim()}".`, extensions: { code: 'BAD_USER_INPUT' } }] : errors);
}
