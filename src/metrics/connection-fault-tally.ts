import { connectionFaults, type ConnectionFault } from '../db/connection-faults.js';

/**
 * Counts the database connection faults since start, by kind, and the statements sent again after
 * one. Kept apart from `Metrics` because the database opens (and can fault) before the metrics
 * exist; the metrics read it on each scrape.
 */
export class ConnectionFaultTally {
  private readonly faults = new Map<ConnectionFault, number>(connectionFaults.map((fault) => [fault, 0]));
  private retried = 0;

  /** The database's fault observer (`DatabaseLocation.onConnectionFault`). */
  readonly observe = (fault: ConnectionFault, retried: boolean): void => {
    this.faults.set(fault, (this.faults.get(fault) ?? 0) + 1);
    if (retried) this.retried++;
  };

  /** Faults by kind (every kind present, zero included). */
  get byKind(): ReadonlyMap<ConnectionFault, number> {
    return this.faults;
  }

  /** Statements sent again on another connection. */
  get retriedStatements(): number {
    return this.retried;
  }
}
