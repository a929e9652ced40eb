import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { liveRequestError, parseFailedError, subscriptionLimitError } from '../errors/subscription-errors.js';
import { clientError } from '../errors/graphql-errors.js';
import { conditionalSubscriptionRoot } from './conditional-root.js';
import { documentRefusal, type DocumentLimits } from '../http/document-limits.js';
import { costRefusal, type ListSizes } from '../http/query-cost.js';
import { queryLimitRules, type QueryLimits } from '../http/query-limits.js';
import type { LiveConnection } from './live-connection.js';
import type { SubscriptionLimits } from './subscription-limits.js';

/** Everything a subscribe message is checked against before it runs. */
export interface SubscribeRules {
  readonly schema: GraphQLSchema;
  readonly limits: SubscriptionLimits;
  readonly queryLimits: QueryLimits;
  readonly documentLimits: DocumentLimits;
  readonly listSizes: ListSizes;
}

/**
 * The place a subscribe message asks for, refused when it breaks a limit of the connection: the
 * rate of subscribe messages, the subscriptions of the connection and of its user
 * (`userOperations`: all of this user's connections on this instance). Undefined when it may go on.
 */
export function placeRefusal(
  connection: LiveConnection,
  limits: SubscriptionLimits,
  userOperations: number,
  now: number,
): GraphQLError | undefined {
  const times = connection.subscribeTimes;
  while (times.length > 0 && (times[0] as number) <= now - 60_000) times.shift();
  if (times.length >= limits.subscribesPerMinute) {
    return subscriptionLimitError(
      'subscribeRate',
      limits.subscribesPerMinute,
      `This connection sent more than ${limits.subscribesPerMinute} subscribe messages in a minute, the most allowed; wait and try again.`,
    );
  }
  times.push(now);
  if (connection.operations.size >= limits.perConnection) {
    return subscriptionLimitError(
      'perConnection',
      limits.perConnection,
      `This connection holds ${limits.perConnection} subscriptions, the most allowed; complete one first.`,
    );
  }
  if (connection.viewer && userOperations >= limits.perUser) {
    return subscriptionLimitError(
      'perUser',
      limits.perUser,
      `You hold ${limits.perUser} subscriptions, the most allowed; complete one first.`,
    );
  }
  return undefined;
}

/**
 * A subscribe message's document checked as an HTTP request's is: its text limits before parsing,
 * a root field under `@skip` or `@include`, graphql's validation and the query limits (depth,
 * aliases, root fields), the operation resolved (subscriptions only: queries and mutations go over
 * HTTP, with their CSRF and idempotency rules), its variables' types, then its cost with them. The arguments to run it with, or the errors refusing it.
 */
export function checkedOperation(payload: SubscribePayload, rules: SubscribeRules): Omit<ExecutionArgs, 'contextValue'> | GraphQLError[] {
  const refusal = documentRefusal(payload.query, rules.documentLimits);
  if (refusal) return [liveRequestError('QUERY_TOO_COMPLEX', refusal.message)];
  let document;
  try {
    document = parse(payload.query, { maxTokens: rules.documentLimits.maxTokens });
  } catch (error) {
    return [parseFailedError(error as GraphQLError)];
  }
  const conditional = conditionalSubscriptionRoot(document);
  if (conditional) {
    return [
      clientError(
        'A subscription’s root field cannot carry @skip or @include: it always has exactly one.',
        { code: 'GRAPHQL_VALIDATION_FAILED' },
        [conditional],
      ),
    ];
  }
  let errors: readonly GraphQLError[];
  try {
    errors = validate(rules.schema, document, [...specifiedRules, ...queryLimitRules(rules.queryLimits)]);
  } catch (error) {
    // A rule that throws where it should report (graphql 16 does for some documents) refuses the document all the same.
    if (!(error instanceof GraphQLError)) throw error;
    errors = [clientError(error.message, { code: 'GRAPHQL_VALIDATION_FAILED' }, error.nodes)];
  }
  if (errors.length > 0) return [...errors];
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    return [
      liveRequestError(
        'OPERATION_RESOLUTION_FAILURE',
        payload.operationName
          ? `Unknown operation named "${payload.operationName}".`
          : 'The document holds several operations; name the one to run.',
      ),
    ];
  }
  if (operation.operation !== 'subscription') {
    return [liveRequestError('BAD_REQUEST', 'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.')];
  }
  const variables = payload.variables ?? {};
  // Variables of the wrong type are the client's error (BAD_USER_INPUT, as over HTTP), found before anything runs.
  const coerced = getVariableValues(rules.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
  if (coerced.errors) return coerced.errors.map((error) => clientError(error.message, { code: 'BAD_USER_INPUT' }, error.nodes));
  const cost = costRefusal(rules.schema, document, operation, variables, rules.queryLimits.maxCost, rules.listSizes);
  if (cost) return [cost];
  return { schema: rules.schema, document, operationName: payload.operationName, variableValues: variables };
}
