import { ApiFailure } from '../api/api-error.js';
import { graphqlRequest } from '../api/graphql-request.js';
import { graphql } from '../gql/index.js';
import { renewalDelaySeconds } from './renewal-delay.js';
import { currentSession, setSession, type SessionUser } from './session-store.js';

const SignIn = graphql(`
  mutation ConsoleSignIn($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      accessToken
      expiresIn
      refreshToken
      user {
        id
        login
        name
      }
    }
  }
`);

const RenewTokens = graphql(`
  mutation ConsoleRenewTokens($refreshToken: String!) {
    refreshToken(input: { refreshToken: $refreshToken }) {
      accessToken
      expiresIn
      refreshToken
      user {
        id
        login
        name
      }
    }
  }
`);

const SignOut = graphql(`
  mutation ConsoleSignOut {
    logout {
      ok
    }
  }
`);

interface Tokens {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly user: SessionUser;
}

let renewalTimer: ReturnType<typeof setTimeout> | undefined;

function begin(tokens: Tokens): void {
  clearTimeout(renewalTimer);
  const delay = renewalDelaySeconds(tokens.expiresIn) * 1000;
  setSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, user: tokens.user });
  renewalTimer = setTimeout(() => void renew(), delay);
}

/** Exchanges email and password for tokens (the `login` mutation); throws the API's refusal as sentences. */
export async function signIn(email: string, password: string): Promise<void> {
  const { data, errors } = await graphqlRequest(SignIn, { email, password }, { anonymous: true });
  if (!data?.login) throw new ApiFailure(errors.length ? errors : [{ message: 'Sign-in failed.' }]);
  begin(data.login);
}

/**
 * Exchanges the refresh token (single use) for a new pair before the access token expires. If the
 * server refuses, the session ends and the sign-in page says so.
 */
export async function renew(): Promise<void> {
  const session = currentSession();
  if (!session) return;
  const { data } = await graphqlRequest(RenewTokens, { refreshToken: session.refreshToken }, { anonymous: true });
  if (currentSession() !== session) return;
  if (data?.refreshToken) begin(data.refreshToken);
  else setSession(undefined, 'Your session could not be renewed: sign in again.');
}

/** Revokes the tokens on the server (`logout`), then forgets them here whatever the answer. */
export async function signOut(): Promise<void> {
  clearTimeout(renewalTimer);
  if (currentSession()) await graphqlRequest(SignOut, {});
  setSession(undefined);
}
