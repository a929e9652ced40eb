import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { SessionStoreUnavailableError } from '../auth/session-store.js';
import { recodedError, restatedError } from '../errors/formatted-errors.js';
import { tokenCheckUnavailableMessage } from '../errors/graphql-errors.js';

/**
 * The last word on what clients see of an error: store outages become SERVICE_UNAVAILABLE; a
 * refusal of the request (HTTP 4xx) carrying no code of its own, such as Apollo Server's
 * "provided sha does not match query" for a persisted query, becomes BAD_REQUEST instead of
 * INTERNAL_SERVER_ERROR; a document that exhausted the call stack while being parsed (nested past
 * what `documentLimits` lets through) becomes QUERY_TOO_COMPLEX; and unexpected failures keep
 * their code but lose their message (it may name internals; the operators' log has it, see
 * `operationLogging`); refused introspection names the setting that allows it.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof SessionStoreUnavailableError) {
    return restatedError(formatted, 'SERVICE_UNAVAILABLE', tokenCheckUnavailableMessage);
  }
  if (refusesRequest(error) && exhaustedCallStack(error)) {
    return restatedError(formatted, 'QUERY_TOO_COMPLEX', 'The document nests too deeply to be read.', { limit: 'nesting' });
  }
  if (refusesRequest(error) && formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return recodedError(formatted, 'BAD_REQUEST');
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, message: 'Internal server error.' };
  }
  // Apollo Server's message points at its own constructor option; operators set an environment variable.
  if (formatted.message.startsWith('GraphQL introspection is not allowed')) {
    return {
      ...formatted,
      message:
        'Introspection (__schema, __type) is off on this server: GRAPHQL_INTROSPECTION=true turns it on (it is off by default with NODE_ENV=production).',
    };
  }
  return formatted;
}

/** True for an error Apollo Server answers with an HTTP 4xx status: the request, not the server, is at fault. */
function refusesRequest(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: unknown } | undefined)?.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** True when the error, or one it wraps, is V8's "Maximum call stack size exceeded". */
function exhaustedCallStack(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause instanceof GraphQLError ? cause.originalError : undefined) {
    if (cause instanceof RangeError && cause.message === 'Maximum call stack size exceeded') return true;
  }
  return false;
}
