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
  throw new ApiFailure(errors.length ? errors : [{ message: `There is no user "${login.trim()}".` }]);
}
