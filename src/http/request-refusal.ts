import type { Response } from 'express';
import type { ClientErrorCode } from '../errors/error-catalog.js';
import { errorResponseBody } from '../errors/formatted-errors.js';
import { requestLogOf } from './request-logging.js';

/**
 * Answers a request refused before GraphQL sees it (body too large, bad JSON, batch too large,
 * possible CSRF) as a GraphQL response: `{ errors: [{ message, extensions: { code } }] }`.
 * The code goes into the request's log line too.
 */
export function refuseRequest(response: Response, status: number, code: ClientErrorCode, message: string): void {
  requestLogOf(response)?.errorCodes.push(code);
  response.status(status).json(errorResponseBody(code, message));
}
