import type { GraphQLFieldResolver } from 'graphql';

/**
 * graphql-js's default resolver for a field without one of its own, held to what graphql-jit
 * does: it reads the source's property of the field's name and nothing more. graphql-js's own
 * default calls a method it finds there and awaits a promise, where a compiled operation reads the
 * property as a value; a source like that would answer differently once its document is compiled.
 * So such a field must have a resolver, and a source that breaks the rule fails here, loudly, on
 * graphql-js (every document runs there before it is compiled, and the suite runs it throughout).
 */
export const plainFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (source === null || (typeof source !== 'object' && typeof source !== 'function')) return undefined;
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (typeof value === 'function' || value instanceof Promise) {
    throw new Error(
      `${info.parentType.name}.${info.fieldName} has no resolver, and its source holds a ${typeof value === 'function' ? 'method' : 'promise'} there: give the field a resolver.`,
    );
  }
  return value;
};
