import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { SessionStoreUnavailableError } from '../auth/session-store.js';

/**
 * The last word on what clients see of an error: store outages become SERVICE_UNAVAILABLE, and
 * unexpected failures keep their code but lose their message (it may name internals; the
 * operators' log has it, see `operationLogging`).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof SessionStoreUnavailableError) {
    return { ...formatted, message: 'Token revocation cannot be checked right now; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, message: 'Internal server error.' };
  }
  return formatted;
}
