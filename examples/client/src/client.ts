import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as the API sends it: `extensions.code` says what happened (FORBIDDEN, NOT_FOUND, ...). */
export interface ApiError {
  readonly message: string;
  readonly extensions?: { readonly code?: string };
}

/** What a request answered: typed data (null where refused) and the errors, if any. */
export interface ApiResult<TResult> {
  readonly data: TResult | null | undefined;
  readonly errors: readonly ApiError[];
}

/**
 * Sends one typed operation over HTTP (POST, JSON), with a bearer token when given: the variables
 * and the result are typed by the document that codegen generated.
 */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<ApiResult<TResult>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult | null; errors?: ApiError[] };
  return { data: body.data, errors: body.errors ?? [] };
}
