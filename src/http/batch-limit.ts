import type { RequestHandler } from 'express';
import { refuseRequest } from './request-refusal.js';

/**
 * Refuses a batched request (a JSON array of operations) holding more than `maxBatch` operations:
 * HTTP 400, BATCH_TOO_LARGE, before any runs. Each operation of a batch is held to the query limits
 * on its own. With `maxBatch` 1 batching is off, and Apollo Server refuses every batch (BAD_REQUEST).
 */
export function batchLimit(maxBatch: number): RequestHandler {
  return (request, response, next) => {
    const body: unknown = request.body;
    if (maxBatch > 1 && Array.isArray(body) && body.length > maxBatch) {
      refuseRequest(
        response,
        400,
        'BATCH_TOO_LARGE',
        `A batched request may hold at most ${maxBatch} operations; this one holds ${body.length}.`,
      );
      return;
    }
    next();
  };
}
