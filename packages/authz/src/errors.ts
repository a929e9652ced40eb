import { GraphQLError } from 'graphql';

/** The error codes every client can rely on, in `extensions.code`. */
export const ErrorCode = {
  unauthenticated: 'UNAUTHENTICATED',
  notFound: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
} as const;

/** No identity where one is needed. */
export function unauthenticatedError(message = 'You must be signed in to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.unauthenticated } });
}

/** The one message of NOT_FOUND. */
export const notFoundMessage = 'Not found: it does not exist, or you may not see it.';

/**
 * The resource does not exist or the viewer cannot see it; the two are deliberately the same
 * answer, byte for byte. It takes no argument on purpose: it cannot name a type or an id the
 * client did not send (a hidden organization's id, the organization behind a repository), and
 * every lookup miss, by id or by name, in the core or in a resolver, answers it.
 */
export function notFoundError(): GraphQLError {
  return new GraphQLError(notFoundMessage, { extensions: { code: ErrorCode.notFound } });
}

/** The viewer sees the resource but lacks the permission. */
export function forbiddenError(permission: string, resourceType: string, resourceId: string, explanation?: unknown): GraphQLError {
  return new GraphQLError(`You need permission "${permission}" on ${resourceType} "${resourceId}".`, {
    extensions: { code: ErrorCode.forbidden, permission, resourceType, resourceId, ...(explanation ? { explanation } : {}) },
  });
}
