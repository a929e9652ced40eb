import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { DecisionTally } from './decision-tally.js';
import type { Metrics } from './metrics.js';

/** What the plugin reads from a request's context: its decisions, when metrics are on. */
export interface MetricsContext {
  readonly decisionTally?: DecisionTally;
}

/**
 * Per GraphQL operation: its duration by operation type and first root field (both bounded by
 * the schema; an operation that did not resolve counts as `type="", root_field=""`), the codes of
 * the errors its response carries, and the authorization decisions it made.
 */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<MetricsContext> {
  return {
    async requestDidStart() {
      const stopTimer = metrics.operationDuration.startTimer();
      let labels = { type: '', root_field: '' };
      return {
        async didResolveOperation({ operation }) {
          const first = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          labels = { type: operation?.operation ?? '', root_field: first?.kind === Kind.FIELD ? first.name.value : '' };
        },
        async willSendResponse({ response, contextValue }) {
          stopTimer(labels);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of errors ?? []) metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
          contextValue.decisionTally?.flushTo(metrics);
        },
      };
    },
  };
}
