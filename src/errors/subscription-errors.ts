import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { clientError } from './graphql-errors.js';
import type { ClientErrorCode } from './error-catalog.js';

/** Which limit of the live connection a subscribe message broke. */
export type SubscriptionLimitName = 'connectionsPerIp' | 'perConnection' | 'perUser' | 'subscribeRate';

/**
 * A subscribe message refused because the connection or its user holds too many subscriptions, or
 * subscribes too fast: `extensions: { code: "SUBSCRIPTION_LIMIT", limit, maximum }`; nothing starts.
 */
export function subscriptionLimitError(limit: SubscriptionLimitName, maximum: number, message: string): GraphQLError {
  return clientError(message, { code: 'SUBSCRIPTION_LIMIT', limit, maximum });
}

/** A document that does not parse, as Apollo Server answers it over HTTP (GRAPHQL_PARSE_FAILED). */
export function parseFailedError(error: GraphQLError): GraphQLError {
  return clientError(error.message, { code: 'GRAPHQL_PARSE_FAILED' }, error.nodes);
}

/**
 * An error of a subscription as the client receives it over WebSocket, as Apollo Server would have
 * formatted it over HTTP: a code for every error (GRAPHQL_VALIDATION_FAILED for graphql's own
 * validation, INTERNAL_SERVER_ERROR for anything unexpected), never the `http` extension (no status
 * to set on a socket); then `format`, the server's last word (masking internal messages).
 */
export function formattedLiveError(
  error: GraphQLError,
  defaultCode: ClientErrorCode,
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): GraphQLFormattedError {
  const json = error.toJSON();
  const { http: _http, ...extensions } = (json.extensions ?? {}) as Record<string, unknown>;
  const code = typeof extensions.code === 'string' ? extensions.code : defaultCode;
  return format({ ...json, extensions: { ...extensions, code } }, error);
}

/**
 * A subscribe message refused before anything runs, with the code the same document gets over HTTP
 * (QUERY_TOO_COMPLEX for a document over its text limits, OPERATION_RESOLUTION_FAILURE), or
 * BAD_REQUEST for a query or mutation, which are served over HTTP only.
 */
export function liveRequestError(
  code: 'QUERY_TOO_COMPLEX' | 'OPERATION_RESOLUTION_FAILURE' | 'BAD_REQUEST',
  message: string,
): GraphQLError {
  return clientError(message, { code });
}
