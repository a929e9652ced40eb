import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger.js';

/**
 * What one request's log line says, filled in while the request runs: the GraphQL facts come from
 * `operationLogging` (through the request context), refusals before GraphQL from `refuseRequest`.
 */
export interface RequestLog {
  readonly requestId: string;
  viewerId: string | null;
  /** One entry per operation (several in a batch); null for an operation without a name. */
  readonly operationNames: (string | null)[];
  /** The `extensions.code` of every error the client was sent, in order. */
  readonly errorCodes: string[];
}

const requestLogs = new WeakMap<Response, RequestLog>();

/** The log record of a request on a route that starts with `requestLogging`; undefined elsewhere. */
export function requestLogOf(response: Response): RequestLog | undefined {
  return requestLogs.get(response);
}

/**
 * Express middleware, first on the GraphQL route (and on each AuthZEN route, whose line is
 * `authzen request`): gives the request its id, echoes it in the
 * `x-request-id` response header, and writes one `graphql request` line when the response is done
 * (or the client went away): request id, viewer, operation, duration, status, outcome, error codes.
 *
 * Note: the line never holds headers, variables or the body; those carry tokens and passwords.
 */
export function requestLogging(logger: Logger, message = 'graphql request'): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    const log: RequestLog = { requestId: requestIdOf(request), viewerId: null, operationNames: [], errorCodes: [] };
    requestLogs.set(response, log);
    response.setHeader('x-request-id', log.requestId);
    response.once('close', () => {
      logger.info(
        {
          requestId: log.requestId,
          viewerId: log.viewerId,
          method: request.method,
          operationName: log.operationNames[0] ?? null,
          ...(log.operationNames.length > 1 ? { batchOperationNames: log.operationNames } : {}),
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          status: response.statusCode,
          outcome: outcomeOf(response, log),
          errorCount: log.errorCodes.length,
          errorCodes: [...new Set(log.errorCodes)],
        },
        message,
      );
    });
    next();
  };
}

/** A client's `x-request-id` when it looks like an id (so it is safe to echo and to log), else a new UUID. */
function requestIdOf(request: Request): string {
  const given = request.header('x-request-id');
  return given && /^[\w.:/+=@-]{1,100}$/.test(given) ? given : randomUUID();
}

/** `ok`; `errors` (HTTP 200 with errors: denials, partial data); `refused` (4xx); `failed` (5xx); `aborted` (the client left first). */
function outcomeOf(response: Response, log: RequestLog): string {
  if (!response.writableFinished) return 'aborted';
  if (response.statusCode >= 500) return 'failed';
  if (response.statusCode >= 400) return 'refused';
  return log.errorCodes.length > 0 ? 'errors' : 'ok';
}
