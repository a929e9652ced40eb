import { GraphQLError } from 'graphql';
import { connectionFaultOf, type ConnectionFault } from '../db/connection-faults.js';

/**
 * What the request was doing when the database went away: `read` (a statement that only reads:
 * retry freely), `not_applied` (a change whose connection died before COMMIT: nothing was written,
 * the client may simply retry) or `unknown` (a change cut off during COMMIT: it may have been
 * applied; the client reads it back or retries with its Idempotency-Key).
 */
export type WriteOutcome = 'read' | 'not_applied' | 'unknown';

/** Seconds a client waits before trying again, sent as `Retry-After`. */
export const databaseRetryAfterSeconds = 1;

const messages: Readonly<Record<WriteOutcome, string>> = {
  read: 'The database cannot be reached right now; try again shortly.',
  not_applied: 'The database cannot be reached right now, and nothing was changed; try again shortly.',
  unknown:
    'The database went away while the change was being committed: it may or may not have been applied. Read it back, or send the request again with the same Idempotency-Key.',
};

/**
 * The database went away under a request: SERVICE_UNAVAILABLE, HTTP 503 with `Retry-After`, and
 * `retryable: true` unless the outcome of a change is `unknown` (then `outcome: "unknown"`). The
 * fault stays on the error (`connectionFault`) for the metrics and the log, never in the answer.
 * Thrown where the fault is noticed: by the connection for a statement (a read that failed twice),
 * by the unit of work for a change, by the request context for authentication.
 */
export class DatabaseUnavailableError extends GraphQLError {
  readonly connectionFault: ConnectionFault;

  constructor(fault: ConnectionFault, outcome: WriteOutcome) {
    super(messages[outcome], {
      extensions: {
        code: 'SERVICE_UNAVAILABLE',
        ...(outcome === 'unknown' ? { retryable: false, outcome } : { retryable: true }),
        http: { status: 503, headers: new Map([['retry-after', String(databaseRetryAfterSeconds)]]) },
      },
    });
    this.name = 'DatabaseUnavailableError';
    this.connectionFault = fault;
  }
}

/** `error` as the client's DatabaseUnavailableError when it is a connection fault; otherwise `error` itself. */
export function asDatabaseUnavailable(error: unknown, outcome: WriteOutcome = 'read'): unknown {
  if (error instanceof DatabaseUnavailableError) return error;
  const fault = connectionFaultOf(error);
  return fault ? new DatabaseUnavailableError(fault, outcome) : error;
}
