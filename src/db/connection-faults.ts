/**
 * The ways a database connection fails, as clients and metrics name them:
 * - `terminated`: the server ended the connection (restart, failover, `pg_terminate_backend`);
 * - `refused`: no new connection could be opened (the server is down, full, or not accepting connections);
 * - `timeout`: no connection became free, or none could be opened, within the acquire timeout;
 * - `saturated`: too many requests were already waiting for a connection, so this one did not queue;
 * - `broken`: the connection failed in another way (a reset, a broken pipe, a protocol error).
 */
export type ConnectionFault = 'terminated' | 'refused' | 'timeout' | 'saturated' | 'broken';

/** Every kind, in the order metrics list them. */
export const connectionFaults: readonly ConnectionFault[] = ['terminated', 'refused', 'timeout', 'saturated', 'broken'];

/**
 * PostgreSQL's SQLSTATEs that mean the connection, not the statement, failed (class 08, and the
 * shutdown codes of class 57P). Note: 57014 (a cancelled statement, `statement_timeout`) is not
 * here: the statement failed on a live connection, and retrying it would only time out again.
 */
const faultOfSqlState: Readonly<Record<string, ConnectionFault>> = {
  '57P01': 'terminated', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02': 'terminated', // crash_shutdown: another backend crashed
  '57P03': 'refused', // cannot_connect_now: starting up, shutting down, in recovery
  '53300': 'refused', // too_many_connections
  '08000': 'broken', // connection_exception
  '08003': 'broken', // connection_does_not_exist
  '08006': 'broken', // connection_failure
  '08001': 'refused', // sqlclient_unable_to_establish_sqlconnection
  '08004': 'refused', // sqlserver_rejected_establishment_of_sqlconnection
  '08007': 'broken', // transaction_resolution_unknown
};

/** Node's socket errors that mean the connection is gone or could not be made. */
const faultOfSystemCode: Readonly<Record<string, ConnectionFault>> = {
  ECONNRESET: 'terminated',
  EPIPE: 'broken',
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'refused',
  EAI_AGAIN: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  ETIMEDOUT: 'timeout',
};

/** What node-postgres says, without a code, when the socket closes under a client or a connect times out. */
const faultOfDriverMessage: readonly (readonly [RegExp, ConnectionFault])[] = [
  [/^Connection terminated due to connection timeout/, 'timeout'],
  [/^Connection terminated/, 'terminated'],
  [/^Client has encountered a connection error and is not queryable/, 'broken'],
  [/^Client was closed and is not queryable/, 'broken'],
  [/^timeout exceeded when trying to connect/, 'timeout'],
  [/^The database connection was lost/, 'terminated'],
];

/** The own property by which an error already says which fault it is (set by `markConnectionFault`). */
const faultProperty = 'connectionFault';

/**
 * Which connection fault an error is, if it is one: the one place that reads driver codes and
 * messages. Looks through `cause` chains and the errors MikroORM wraps (which copy the original's
 * properties), so it answers the same for a raw `pg` error and the ORM's exception of it.
 */
export function connectionFaultOf(error: unknown): ConnectionFault | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const fields = cause as Error & { connectionFault?: unknown; code?: unknown };
    if (typeof fields.connectionFault === 'string') return fields.connectionFault as ConnectionFault;
    if (typeof fields.code === 'string') {
      const fault = faultOfSqlState[fields.code] ?? faultOfSystemCode[fields.code];
      if (fault) return fault;
    }
    for (const [pattern, fault] of faultOfDriverMessage) if (pattern.test(cause.message)) return fault;
  }
  return undefined;
}

/** Marks an error as a connection fault of a kind, whatever its code says (a failure to acquire a connection is one). */
export function markConnectionFault<E extends Error>(error: E, fault: ConnectionFault): E {
  Object.defineProperty(error, faultProperty, { value: fault, enumerable: true, configurable: true, writable: true });
  return error;
}
