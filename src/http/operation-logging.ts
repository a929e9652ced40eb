import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger.js';
import type { RequestLog } from './request-logging.js';

/** What operation logging reads from the request context. */
export interface LoggedRequestContext {
  readonly requestLog: RequestLog;
  readonly viewer: { readonly id: string } | null;
}

/**
 * Apollo Server plugin: puts the GraphQL facts of each operation (viewer, operation name, the
 * error codes sent) into the request's log line (see `requestLogging`), and logs unexpected
 * errors (those clients only see as INTERNAL_SERVER_ERROR) with their stack and the request id.
 */
export function operationLogging<Context extends LoggedRequestContext>(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async contextCreationDidFail({ error }) {
      if (!(error instanceof GraphQLError)) logger.error({ err: error }, 'creating the request context failed');
    },
    async requestDidStart({ contextValue }) {
      const log = contextValue.requestLog;
      log.viewerId = contextValue.viewer?.id ?? null;
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') continue;
            // Apollo's own request errors (a persisted-query hash mismatch) carry a 4xx status and no code: the client's fault.
            const status = (error.extensions?.http as { status?: number } | undefined)?.status;
            if (code === undefined && status !== undefined && status >= 400 && status < 500) continue;
            const path = error.path?.join('.');
            logger.error(
              { requestId: log.requestId, operationName: operationName ?? null, path, err: unwrapResolverError(error) },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ operationName, request, response }) {
          log.operationNames.push(operationName ?? request.operationName ?? null);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          for (const error of errors ?? []) log.errorCodes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        },
      };
    },
  };
}
