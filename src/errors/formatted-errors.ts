import type { GraphQLFormattedError } from 'graphql';
import type { ClientErrorCode } from './error-catalog.js';

/**
 * The body of a request refused before GraphQL sees it (body too large, bad JSON, batch too large,
 * possible CSRF, a missing token on `/metrics`): a GraphQL response holding one error.
 */
export function errorResponseBody(code: ClientErrorCode, message: string): { readonly errors: readonly GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/** A formatted error given another code, keeping its message, locations, path and other extensions. */
export function recodedError(formatted: GraphQLFormattedError, code: ClientErrorCode): GraphQLFormattedError {
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

/**
 * A formatted error said again: another message and code, and only the `extensions` given (those
 * of the original may name internals); its locations and path are kept.
 */
export function restatedError(
  formatted: GraphQLFormattedError,
  code: ClientErrorCode,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
): GraphQLFormattedError {
  return { ...formatted, message, extensions: { code, ...extensions } };
}
