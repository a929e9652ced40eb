import { setTimeout as pause } from 'node:timers/promises';
import { DatabaseUnavailableError } from '../errors/database-unavailable.js';
import { connectionFaultOf, type ConnectionFault } from './connection-faults.js';
import { readsOnly } from './read-statement.js';

/** What the connection reports of each fault it meets: its kind, and whether the statement was sent again. */
export type ConnectionFaultObserver = (fault: ConnectionFault, retried: boolean) => void;

/** The part of MikroORM's SQL connection every statement goes through (`em.execute`, query builders, `em.find`, flushes). */
interface ExecutingConnection {
  execute(query: unknown, params?: unknown, method?: string, ctx?: unknown, loggerContext?: unknown): Promise<unknown>;
}

/**
 * The pauses before each new attempt: time for the pool to hear of its other connections the same
 * fault closed (they all die at once in a restart) before a retry takes one. A loaded process can
 * hear of them later than 25 ms (the fault drill saw a read meet two dead connections in a row), so
 * a read gets a third attempt after 100 ms more.
 */
const retryPausesMs = [25, 100];

/**
 * Makes a lost connection invisible to reads and plain to everything else. A statement outside a
 * transaction that only reads, and fails because its connection died or none could be had, is sent
 * again on another connection, up to twice (the pool has discarded the dead one: `releaseDeadClients`). A
 * statement inside a transaction is never retried (the transaction died with its connection; the
 * unit of work says what became of it). Whatever fault remains is thrown as DatabaseUnavailableError
 * (SERVICE_UNAVAILABLE, 503), never as the driver's error.
 */
export function retryLostReads(connection: ExecutingConnection, observe: ConnectionFaultObserver = () => {}): void {
  const execute = connection.execute.bind(connection);
  connection.execute = async (query, params, method, ctx, loggerContext) => {
    try {
      return await execute(query, params, method, ctx, loggerContext);
    } catch (error) {
      const fault = connectionFaultOf(error);
      if (!fault) throw error;
      const retry = ctx === undefined && method !== 'run' && readsOnly(query);
      observe(fault, retry);
      if (!retry) throw new DatabaseUnavailableError(fault, ctx === undefined ? 'read' : 'not_applied');
      for (const [attempt, pauseMs] of retryPausesMs.entries()) {
        await pause(pauseMs);
        try {
          return await execute(query, params, method, ctx, loggerContext);
        } catch (again) {
          const againFault = connectionFaultOf(again);
          if (!againFault) throw again;
          const last = attempt === retryPausesMs.length - 1;
          observe(againFault, !last);
          if (last) throw new DatabaseUnavailableError(againFault, 'read');
        }
      }
      throw new DatabaseUnavailableError(fault, 'read');
    }
  };
}
