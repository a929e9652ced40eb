import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { maxAliasesRule } from './query-aliases.js';
import { maxDepthRule } from './query-depth.js';
import { recodedError } from '../errors/formatted-errors.js';
import { maxRootFieldsRule } from './query-root-fields.js';

/** What one GraphQL request may ask for; anything more is refused (HTTP 400) before it executes. */
export interface QueryLimits {
  /** How deeply fields nest (`QUERY_MAX_DEPTH`). */
  readonly maxDepth: number;
  /** Aliased fields in an operation (`QUERY_MAX_ALIASES`). */
  readonly maxAliases: number;
  /** Fields at the root of an operation (`QUERY_MAX_ROOT_FIELDS`). */
  readonly maxRootFields: number;
  /** The estimated number of field values in the response (`QUERY_MAX_COST`; see query-cost.ts). */
  readonly maxCost: number;
  /** Operations in one batched HTTP request (`QUERY_MAX_BATCH`); 1 turns batching off. */
  readonly maxBatch: number;
}

/**
 * The validation rules enforcing the limits that do not depend on variables, fragments expanded.
 * Apollo Server runs them once graphql's own rules have passed (`maxRecursiveSelections`), so they
 * only ever see well-formed documents, and keeps the validated document for later requests. The
 * cost, which does, is `queryCostPlugin`'s.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases), maxRootFieldsRule(limits.maxRootFields)];
}

/** Apollo Server reports every validation error as GRAPHQL_VALIDATION_FAILED; a broken limit (`queryLimitError`) keeps its own code. */
export function keepQueryLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (!(original instanceof GraphQLError) || original.extensions.code !== 'QUERY_TOO_COMPLEX') return formatted;
  return recodedError(formatted, 'QUERY_TOO_COMPLEX');
}
