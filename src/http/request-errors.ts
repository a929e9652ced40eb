import type { ErrorRequestHandler } from 'express';
import type { Logger } from './logger.js';
import { requestLogOf } from './request-logging.js';
import { refuseRequest } from './request-refusal.js';

/**
 * Errors of the GraphQL route before Apollo Server answers (the JSON body parser's, mostly) as
 * GraphQL responses rather than Express's HTML page: 413 REQUEST_TOO_LARGE over the body limit,
 * 400 BAD_REQUEST for a body that is not JSON, 500 (logged with the request id, no details to the
 * client) for anything unexpected.
 */
export const requestErrors =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const { type, status, limit, expose } = error as { type?: string; status?: number; limit?: number; expose?: boolean };
    if (type === 'entity.too.large') {
      refuseRequest(response, 413, 'REQUEST_TOO_LARGE', `The request body is larger than the ${limit} bytes accepted.`);
    } else if (type === 'entity.parse.failed') {
      refuseRequest(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    } else if (expose && typeof status === 'number' && status >= 400 && status < 500) {
      refuseRequest(response, status, status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', (error as Error).message);
    } else {
      logger.error({ requestId: requestLogOf(response)?.requestId, err: error }, 'request failed');
      refuseRequest(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
    }
  };
