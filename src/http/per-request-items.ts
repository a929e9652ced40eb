/**
 * The items every GraphQL request passes through that the bench's ablation (`npm run bench --
 * --ablation`) turns off one at a time, to measure what each costs: Express middlewares on
 * `/graphql`, Apollo Server plugins, validation rules, the metrics and compiled execution. Never turned off outside
 * the bench: each is a behaviour a test holds the server to.
 */
export const perRequestItems = [
  'http-metrics',
  'drain-header',
  'private-answers',
  'explorer-headers',
  'csrf-prevention',
  'batch-limit',
  'keyed-batches',
  'document-limits',
  'operation-logging',
  'landing-page',
  'unauthenticated-status',
  'metrics-plugin',
  'idempotency',
  'query-cost',
  'query-limit-rules',
  'cache-control-off',
  'drain-plugin',
  // Left out, graphql-js executes every operation (GRAPHQL_COMPILED_EXECUTION=false): what graphql-jit gains.
  'compiled-execution',
] as const;

/** One item of `perRequestItems`. */
export type PerRequestItem = (typeof perRequestItems)[number];

/** True for a known item's name (the bench reads them from its environment). */
export function isPerRequestItem(name: string): name is PerRequestItem {
  return (perRequestItems as readonly string[]).includes(name);
}
