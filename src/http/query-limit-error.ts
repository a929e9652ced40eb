import { GraphQLError, type OperationDefinitionNode } from 'graphql';

/** The code of every refusal by a query limit (Apollo Server would report GRAPHQL_VALIDATION_FAILED). */
export const queryTooComplexCode = 'QUERY_TOO_COMPLEX';

/** Which limit of `QueryLimits` an operation broke. */
export type QueryLimitName = 'depth' | 'aliases' | 'rootFields' | 'cost';

/**
 * An operation refused before it executes because it asks for too much: HTTP 400,
 * `extensions: { code: "QUERY_TOO_COMPLEX", limit, maximum, actual }`.
 */
export class QueryLimitError extends GraphQLError {
  /** `what` completes "The operation ..." / 'Operation "Name" ...'. */
  constructor(
    operation: OperationDefinitionNode,
    limit: QueryLimitName,
    maximum: number,
    actual: number,
    what: string,
    /** Extensions only the server reads (Apollo Server's `http` status, when thrown outside validation). */
    serverExtensions: Record<string, unknown> = {},
  ) {
    const name = operation.name ? `Operation "${operation.name.value}"` : 'The operation';
    super(`${name} ${what}.`, {
      nodes: [operation],
      extensions: { code: queryTooComplexCode, limit, maximum, actual, ...serverExtensions },
    });
  }
}
