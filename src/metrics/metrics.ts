import type { Decision } from '@rolegate/authz';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConnectionFaultTally } from './connection-fault-tally.js';
import { LiveMetrics } from './live-metrics.js';

/** What the metrics read on each scrape from the objects that keep their own counts. */
export interface MetricsSources {
  /** Access tokens verified by signature, answered from the cache of verified tokens, refused. */
  readonly tokenVerifications: () => Readonly<Record<'verified' | 'cached' | 'refused', number>>;
  /** Shadow-mode disagreements since start, by `<coordinate> <direction>` (empty outside shadow mode). */
  readonly disagreements: () => ReadonlyMap<string, number>;
  /** The database pool, when there is one (PostgreSQL; the embedded database has a single connection). */
  readonly databasePool: () => Promise<{ total: number; idle: number; waiting: number } | undefined>;
  /** Database connection faults since start, by kind, and the statements retried after one. */
  readonly connectionFaults: () => ConnectionFaultTally;
}

/** Decisions by outcome, at one coordinate. */
export type DecisionCounts = Record<Decision['outcome'], number>;

/** `rolegate_authz_decisions_total`, read from the sums `Metrics.addDecisions` keeps. */
function decisionCounter(registry: Registry, decisions: ReadonlyMap<string, DecisionCounts>): Counter<'outcome' | 'coordinate'> {
  return new Counter({
    name: 'rolegate_authz_decisions_total',
    help: 'Authorization decisions, by outcome (allow, forbidden, not_found) and schema coordinate.',
    labelNames: ['outcome', 'coordinate'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [coordinate, counts] of decisions) {
        for (const [outcome, count] of Object.entries(counts)) if (count > 0) this.inc({ outcome, coordinate }, count);
      }
    },
  });
}

/** Seconds: from a cached answer (5 ms) to a request that hit a limit (10 s). */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The server's Prometheus metrics, in a registry of its own (several servers can share a
 * process, in tests). Labels take values from bounded sets only (schema coordinates, root field
 * names, error codes, outcomes), never from what a client chooses, such as an operation name.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'rolegate_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'rolegate_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: durationBuckets,
    registers: [this.registry],
  });
  readonly operationDuration = new Histogram({
    name: 'rolegate_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to its response, by operation type and first root field.',
    labelNames: ['type', 'root_field'] as const,
    buckets: durationBuckets,
    registers: [this.registry],
  });
  readonly graphqlErrors = new Counter({
    name: 'rolegate_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  /** Decisions since start, by coordinate: each request adds its tally here as plain numbers, read on each scrape (see `addDecisions`). */
  readonly #decisions = new Map<string, DecisionCounts>();
  readonly authzDecisions = decisionCounter(this.registry, this.#decisions);
  readonly batchSizes = new Histogram({
    name: 'rolegate_dataloader_batch_size',
    help: 'Keys per DataLoader batch, by loader: the request loaders by name (repositoryPages, issueCount, ...), access:<resource type> for role resolution.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  readonly sessionStoreFailures = new Counter({
    name: 'rolegate_session_store_failures_total',
    help: 'Session store (Redis) calls that failed; requests that needed them answered 503.',
    registers: [this.registry],
  });

  readonly graphqlCompilations = new Counter({
    name: 'rolegate_graphql_compilations_total',
    help: 'GraphQL operations compiled by graphql-jit (result="compiled"); graphql-js executes those it could not compile (result="not_compilable") and those refused because a string in them would have become code (result="refused").',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly idempotentReplays = new Counter({
    name: 'rolegate_idempotent_replays_total',
    help: 'Mutation requests answered with the stored answer of an earlier one with the same Idempotency-Key, without running.',
    registers: [this.registry],
  });

  /** Subscriptions over WebSocket. */
  readonly live = new LiveMetrics(this.registry);

  /**
   * Adds one request's decisions at a coordinate to `rolegate_authz_decisions_total`: plain
   * additions, where incrementing the counter hashed its label set per request (a measurable share
   * of a short request's time); the counter reads the sums when scraped.
   */
  addDecisions(coordinate: string, counts: Readonly<DecisionCounts>): void {
    let total = this.#decisions.get(coordinate);
    if (!total) this.#decisions.set(coordinate, (total = { allow: 0, forbidden: 0, not_found: 0 }));
    total.allow += counts.allow;
    total.forbidden += counts.forbidden;
    total.not_found += counts.not_found;
  }

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'rolegate_' });
    new Counter({
      name: 'rolegate_token_verifications_total',
      help: 'Access token verifications, by result: verified (signature checked), cached, refused.',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [result, count] of Object.entries(sources.tokenVerifications())) this.inc({ result }, count);
      },
    });
    new Counter({
      name: 'rolegate_shadow_disagreements_total',
      help: 'Shadow-mode disagreements between the legacy and the new decision, by coordinate and direction.',
      labelNames: ['coordinate', 'direction'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [key, count] of sources.disagreements()) {
          const [coordinate = '', direction = ''] = key.split(' ');
          this.inc({ coordinate, direction }, count);
        }
      },
    });
    new Counter({
      name: 'rolegate_db_connection_faults_total',
      help: 'Database connection faults, by kind: terminated, refused, timeout, saturated (too many waiting for a connection), broken.',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [kind, count] of sources.connectionFaults().byKind) this.inc({ kind }, count);
      },
    });
    new Counter({
      name: 'rolegate_db_retried_statements_total',
      help: 'Reads sent again on another connection after their connection was lost.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sources.connectionFaults().retriedStatements);
      },
    });
    new Gauge({
      name: 'rolegate_db_pool_connections',
      help: 'Database pool connections, by state (total, idle, waiting: requests queued for one).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const pool = await sources.databasePool();
        this.reset();
        if (pool) for (const [state, count] of Object.entries(pool)) this.set({ state }, count);
      },
    });
  }
}
