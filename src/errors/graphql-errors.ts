import { GraphQLError, type ASTNode, type OperationDefinitionNode } from 'graphql';
import type { ClientErrorCode, RefusalReason } from './error-catalog.js';

/** The extensions of an error the app builds: a code of the catalog, and what else the client is told. */
export type ClientErrorExtensions = { readonly code: ClientErrorCode } & Readonly<Record<string, unknown>>;

/**
 * The one constructor of the app's GraphQL errors: a sentence and its extensions, in the order the
 * client reads them (the builders below keep the order their responses always had). An `http`
 * extension sets the response's status and headers; Apollo Server reads it and does not send it.
 */
export function clientError(message: string, extensions: ClientErrorExtensions, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { extensions, ...(nodes ? { nodes } : {}) });
}

/** The refusal of a request whose bearer token is present but unusable: HTTP 401, whole request. */
export function invalidTokenError(message: string): GraphQLError {
  return clientError(message, {
    code: 'UNAUTHENTICATED',
    http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) },
  });
}

/** What a client is told when revocations cannot be checked, whichever layer notices. */
export const tokenCheckUnavailableMessage = 'Token revocation cannot be checked right now; try again shortly.';

/** Revocations cannot be checked: HTTP 503 rather than trusting a token that may be revoked. */
export function unavailableError(): GraphQLError {
  return clientError(tokenCheckUnavailableMessage, {
    code: 'SERVICE_UNAVAILABLE',
    http: { status: 503, headers: new Map([['retry-after', '5']]) },
  });
}

/** RATE_LIMITED, HTTP 429 with `Retry-After`: the client may try again after that many seconds. */
export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return clientError(`Too many sign-in attempts; try again in ${retryAfterSeconds} seconds.`, {
    code: 'RATE_LIMITED',
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

/**
 * Input the server cannot act on: malformed ids, unknown names, values over their limits.
 * Input validation, not authorization: it lives with the app, not in @rolegate/authz.
 */
export function badUserInputError(
  message: string,
  extensions: { readonly reason?: RefusalReason } & Readonly<Record<string, unknown>> = {},
): GraphQLError {
  return clientError(message, { ...extensions, code: 'BAD_USER_INPUT' });
}

/** Which limit of `QueryLimits` an operation broke. */
export type QueryLimitName = 'depth' | 'aliases' | 'rootFields' | 'cost';

/**
 * An operation refused before it executes because it asks for too much: HTTP 400,
 * `extensions: { code: "QUERY_TOO_COMPLEX", limit, maximum, actual }`. `what` completes
 * "The operation ..." / 'Operation "Name" ...'; `serverExtensions` are those only the server
 * reads (Apollo Server's `http` status, when thrown outside validation).
 */
export function queryLimitError(
  operation: OperationDefinitionNode,
  limit: QueryLimitName,
  maximum: number,
  actual: number,
  what: string,
  serverExtensions: Readonly<Record<string, unknown>> = {},
): GraphQLError {
  const name = operation.name ? `Operation "${operation.name.value}"` : 'The operation';
  return clientError(`${name} ${what}.`, { code: 'QUERY_TOO_COMPLEX', limit, maximum, actual, ...serverExtensions }, [operation]);
}
