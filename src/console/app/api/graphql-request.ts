import type { TypedDocumentString } from '../gql/graphql.js';
import { currentSession, setSession } from '../session/session-store.js';
import { settings } from '../settings.js';
import type { ApiError } from './api-error.js';
import { isMutationDocument, sendRetrying } from './send-retrying.js';

/** What a request answered: typed data (null where refused) and the errors, if any. */
export interface ApiResult<TResult> {
  readonly data: TResult | null | undefined;
  readonly errors: readonly ApiError[];
}

/**
 * Sends one typed operation to the same-origin GraphQL endpoint: POST with `content-type:
 * application/json` (which the server's CSRF protection accepts) and the access token as
 * `Authorization: Bearer`, never a cookie; a mutation with an `Idempotency-Key`, sent again with
 * it while the server answers 503 or 409 (`sendRetrying`). A token the server no longer accepts ends the session.
 */
export async function graphqlRequest<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  { anonymous = false }: { anonymous?: boolean } = {},
): Promise<ApiResult<TResult>> {
  const token = anonymous ? undefined : currentSession()?.accessToken;
  let response: Response;
  try {
    const query = document.toString();
    response = await sendRetrying(
      (retryHeaders) =>
        fetch(settings.graphqlPath, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...retryHeaders,
          },
          body: JSON.stringify({ query, variables }),
        }),
      { mutation: isMutationDocument(query) },
    );
  } catch {
    return { data: undefined, errors: [{ message: 'The server cannot be reached: check the connection and try again.' }] };
  }
  const body = (await response.json().catch(() => ({}))) as { data?: TResult | null; errors?: ApiError[] };
  if (token && response.status === 401 && currentSession()?.accessToken === token) {
    setSession(undefined, 'Your session has ended: sign in again.');
  }
  return { data: body.data, errors: body.errors ?? [] };
}
