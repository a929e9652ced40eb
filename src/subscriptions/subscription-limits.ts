/** What one WebSocket connection and its user may hold and send; each a setting (`WS_*`, docs/configuration.md). */
export interface SubscriptionLimits {
  /** Seconds between the upgrade and `connection_init` before the socket closes with 4408 (`WS_CONNECTION_INIT_TIMEOUT_SECONDS`). */
  readonly connectionInitTimeoutSeconds: number;
  /**
   * Open WebSocket connections from one client address, signed in or not, counted from the upgrade
   * (`WS_MAX_CONNECTIONS_PER_IP`): one more is refused with HTTP 429 before any WebSocket exists.
   */
  readonly connectionsPerIp: number;
  /** Active subscriptions on one connection (`WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`). */
  readonly perConnection: number;
  /** Active subscriptions of one user on one instance, all connections together (`WS_MAX_SUBSCRIPTIONS_PER_USER`). */
  readonly perUser: number;
  /** The largest message a client may send, in bytes; a larger one closes the socket with 1009 (`WS_MAX_MESSAGE_BYTES`). */
  readonly maxMessageBytes: number;
  /** Subscribe messages one connection may send in a minute (`WS_MAX_SUBSCRIBES_PER_MINUTE`). */
  readonly subscribesPerMinute: number;
  /**
   * Events waiting for one subscription while the client reads slowly (`WS_MAX_BUFFERED_EVENTS`); one more and the
   * connection closes with 1013, rather than memory growing for a client that does not keep up.
   */
  readonly maxBufferedEvents: number;
}
