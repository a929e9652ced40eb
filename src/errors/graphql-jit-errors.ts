import { GraphQLError } from 'graphql';

/**
 * graphql-jit's errors as graphql-js makes them: its own error class leaves `extensions` undefined
 * when there are none, where graphql-js (and Apollo Server's formatting after it) counts on an object.
 */
export function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions ?? {},
  });
  return Object.assign(copy, { locations: error.locations });
}
