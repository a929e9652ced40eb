import type { GraphQLError } from 'graphql';
import { authenticate, type Authentication } from '../auth/authenticate.js';
import type { AuthenticatedViewer } from '../auth/viewer.js';
import type { LiveEvent } from './live-event.js';
import { closeCodes, closeReason, type LiveConnection } from './live-connection.js';
import type { LiveMetrics } from '../metrics/live-metrics.js';

/**
 * The open connections of this instance, and what a revocation does to them: a revoked token or
 * session closes its connections at once (4401); a change to users' access re-authenticates their
 * connections (closing those whose token no longer holds) and asks every subscription of theirs to
 * re-check what it shows, without waiting for its next event.
 */
export class LiveConnections {
  readonly #connections = new Set<LiveConnection>();

  constructor(
    private readonly authentication: Authentication,
    private readonly metrics?: LiveMetrics,
  ) {}

  add(connection: LiveConnection): void {
    this.#connections.add(connection);
  }

  delete(connection: LiveConnection): void {
    this.#connections.delete(connection);
  }

  get size(): number {
    return this.#connections.size;
  }

  /** The users with open connections on this instance. */
  users(): Set<string> {
    const users = new Set<string>();
    for (const connection of this.#connections) if (connection.viewer) users.add(connection.viewer.id);
    return users;
  }

  /** Subscriptions of one user holding a place on this instance, all connections together. */
  operationsOf(userId: string): number {
    let count = 0;
    for (const connection of this.#connections) if (connection.viewer?.id === userId) count += connection.operations.size;
    return count;
  }

  /** What a bus event means for the open connections. */
  onEvent(event: LiveEvent): void {
    const since = Date.now();
    if (event.topic === 'token')
      this.#closeWhere((viewer) => viewer.token?.jti === event.jti, 'The access token has been revoked (logged out).', since);
    if (event.topic === 'session')
      this.#closeWhere(
        (viewer) => viewer.token?.sessionId === event.sessionId,
        'The session of this access token has ended; sign in again.',
        since,
      );
    if (event.topic === 'access') {
      const users = new Set(event.userIds);
      for (const connection of this.#connections) {
        if (connection.viewer && users.has(connection.viewer.id)) void this.#recheck(connection, since, event);
      }
    }
  }

  /** Closes a connection whose token no longer holds, recording how long the revocation took to reach it. */
  closeUnauthorized(connection: LiveConnection, message: string, since?: number): void {
    connection.close(closeCodes.unauthorized, closeReason(message));
    if (since !== undefined) this.metrics?.revocationSeconds.observe((Date.now() - since) / 1000);
  }

  #closeWhere(matches: (viewer: AuthenticatedViewer) => boolean, message: string, since: number): void {
    for (const connection of this.#connections) {
      if (connection.viewer && matches(connection.viewer)) this.closeUnauthorized(connection, message, since);
    }
  }

  async #recheck(connection: LiveConnection, since: number, cause: LiveEvent): Promise<void> {
    try {
      connection.viewer = await authenticate(connection.authorization, this.authentication);
    } catch (error) {
      const graphqlError = error as GraphQLError;
      if (graphqlError.extensions?.code === 'UNAUTHENTICATED') {
        this.metrics?.reauthorizations.inc({ outcome: 'closed' });
        this.closeUnauthorized(connection, graphqlError.message, since);
      } else {
        // Fail closed: what cannot be checked is not kept open.
        connection.close(closeCodes.unavailable, 'Token revocation cannot be checked right now; reconnect shortly.');
      }
      return;
    }
    for (const stream of connection.streams) stream.recheck(since, cause);
  }

  /** Closes every connection (the server stops). */
  closeAll(): void {
    for (const connection of this.#connections) connection.close(closeCodes.goingAway, 'The server is stopping.');
  }
}
