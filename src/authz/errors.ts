import { GraphQLError } from 'graphql';

/** The error codes every client can rely on, in `extensions.code`. */
export const ErrorCode = {
  unauthenticated: 'UNAUTHENTICATED',
  notFound: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  badUserInput: 'BAD_USER_INPUT',
} as const;

/** No identity where one is needed. */
export function unauthenticatedError(message = 'You must be signed in to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.unauthenticated } });
}

/** The resource does not exist or the viewer cannot see it; the two are deliberately the same. */
export function notFoundError(resourceType: string, resourceId?: string): GraphQLError {
  return new GraphQLError(`No ${resourceType} was found${resourceId ? ` with id "${resourceId}"` : ''}.`, {
    extensions: { code: ErrorCode.notFound, resourceType },
  });
}

/** The viewer sees the resource but lacks the permission. */
export function forbiddenError(permission: string, resourceType: string, resourceId: string, explanation?: unknown): GraphQLError {
  return new GraphQLError(`You need permission "${permission}" on ${resourceType} "${resourceId}".`, {
    extensions: { code: ErrorCode.forbidden, permission, resourceType, resourceId, ...(explanation ? { explanation } : {}) },
  });
}

/** Input the server cannot act on: malformed ids, unknown names, duplicates. */
export function badUserInputError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.badUserInput } });
}
