import { GraphQLError } from 'graphql';

/**
 * Input the server cannot act on: malformed ids, unknown names, values over their limits.
 * Input validation, not authorization: it lives with the app, not in @rolegate/authz.
 */
export function badUserInputError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
}
