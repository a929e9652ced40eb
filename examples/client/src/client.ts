import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print } from 'graphql';

/** A GraphQL error as the API sends it: `extensions.code` says what happened (FORBIDDEN, NOT_FOUND, ...). */
export interface ApiError {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly retryable?: boolean; readonly outcome?: string };
}

/** What a request answered: typed data (null where refused) and the errors, if any. */
export interface ApiResult<TResult> {
  readonly data: TResult | null | undefined;
  readonly errors: readonly ApiError[];
}

/** Sends of one request at most, and the longest wait between two (the server's `Retry-After` within it). */
const attempts = 3;
const maxWaitMs = 5000;

/**
 * Sends one typed operation over HTTP (POST, JSON), with a bearer token when given: the variables
 * and the result are typed by the document that codegen generated. A mutation carries an
 * `Idempotency-Key`, the same for every send, so it is sent again safely while the server answers
 * 503 (its database is away) or 409 (the first send still runs): the server applies it once.
 */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<ApiResult<TResult>> {
  const mutation = document.definitions.some(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation',
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(mutation ? { 'idempotency-key': crypto.randomUUID() } : {}),
  };
  const body = JSON.stringify({ query: print(document), variables });
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method: 'POST', headers, body });
    const again = response.status === 503 || (mutation && response.status === 409);
    if (!again || attempt >= attempts) {
      const answer = (await response.json()) as { data?: TResult | null; errors?: ApiError[] };
      return { data: answer.data, errors: answer.errors ?? [] };
    }
    await response.body?.cancel();
    const retryAfterMs = Number(response.headers.get('retry-after') ?? 1) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.min(maxWaitMs, Number.isFinite(retryAfterMs) ? retryAfterMs : 1000)));
  }
}
