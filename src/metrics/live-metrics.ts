import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The live (WebSocket) side's metrics: open connections, active subscriptions, events delivered and
 * dropped, re-authorizations by outcome, and how long a revocation takes to close a socket or end a
 * subscription. Registered in the server's registry, so `GET /metrics` shows them with the rest.
 */
export class LiveMetrics {
  readonly connections: Gauge;
  readonly subscriptions: Gauge;
  readonly delivered: Counter;
  /** Events not delivered: `overflow` (a slow client, disconnected), `ended` (the subscription ended on it). */
  readonly dropped: Counter<'reason'>;
  /** Re-checks of a subscriber's access: `allowed` (it goes on), `ended` (NOT_FOUND and the like), `closed` (token no longer valid). */
  readonly reauthorizations: Counter<'outcome'>;
  readonly revocationSeconds: Histogram;

  constructor(registry: Registry) {
    const registers = [registry];
    this.connections = new Gauge({ name: 'rolegate_live_connections', help: 'Open WebSocket connections (subscriptions).', registers });
    this.subscriptions = new Gauge({ name: 'rolegate_live_subscriptions', help: 'Active subscriptions.', registers });
    this.delivered = new Counter({ name: 'rolegate_live_events_delivered_total', help: 'Subscription events sent to clients.', registers });
    this.dropped = new Counter({
      name: 'rolegate_live_events_dropped_total',
      help: 'Subscription events not sent, by reason: overflow (a client too slow, disconnected).',
      labelNames: ['reason'] as const,
      registers,
    });
    this.reauthorizations = new Counter({
      name: 'rolegate_live_reauthorizations_total',
      help: "Re-checks of a subscriber's access after a change, by outcome: allowed, ended (the subscription ended), closed (the socket closed).",
      labelNames: ['outcome'] as const,
      registers,
    });
    this.revocationSeconds = new Histogram({
      name: 'rolegate_live_revocation_seconds',
      help: 'Time from receiving a revocation (logout, role change, suspension) to closing the socket or ending the subscription it affects.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
  }
}
