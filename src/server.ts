import { ConnectionFaultTally } from './metrics/connection-fault-tally.js';
import { IdempotencyKeys } from './idempotency/idempotency-keys.js';
import { idempotentMutations, refuseKeyedBatches } from './idempotency/idempotent-mutations.js';
import { rootFieldsAnsweringCredentials } from './gitclub/user/credential-answers.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import { AccessTokens } from './auth/access-tokens.js';
import type { Authentication } from './auth/authenticate.js';
import { ExternalTokens } from './auth/external-tokens.js';
import { loadKeySet } from './auth/key-set.js';
import { MemorySessionStore } from './auth/memory-session-store.js';
import { RedisSessionStore } from './auth/redis-session-store.js';
import type { SessionStore, UserVersions } from './auth/session-store.js';
import { createSignInThrottle } from './auth/sign-in-throttle.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { authzenLimits } from './authzen/authzen-request.js';
import { authzenRoutes } from './authzen/authzen-routes.js';
import { gitClubDecisionPoint } from './gitclub/authzen/gitclub-decision-point.js';
import { createRequestContext, type RequestContext, type RequestContextServices } from './gitclub/context.js';
import { demoEmail, demoPassword, demoUsers } from './gitclub/demo/demo-cast.js';
import { openGitClubDatabase } from './gitclub/gitclub-database.js';
import { assertPortFree } from './http/port-probe.js';
import { closeDueAccessReviews } from './gitclub/access-write/close-due-reviews.js';
import { recordExpiredGrants } from './gitclub/access-write/record-expired-grants.js';
import { createRollout, type Rollout } from './gitclub/legacy/rollout.js';
import { defaultPageSize, maxPageSize } from './gitclub/pagination.js';
import { buildSchema } from './gitclub/schema.js';
import { externalUserLookup } from './gitclub/user/external-user-lookup.js';
import { usersVersionSource, userVersionSource } from './gitclub/user/user-version-source.js';
import { batchLimit } from './http/batch-limit.js';
import { csrfPrevention } from './http/csrf-prevention.js';
import { denialLogger } from './http/denial-logging.js';
import { explorerLandingPage } from './http/explorer/explorer-landing-page.js';
import { explorerAssetRoutes, explorerPageHeaders } from './http/explorer/explorer-routes.js';
import { documentLimits } from './http/document-limits.js';
import { queryCostPlugin } from './http/query-cost.js';
import { corsPolicy } from './http/cors.js';
import { explorerOff } from './http/explorer/explorer-off.js';
import { consoleOff } from './console/console-off.js';
import { consoleRoutes } from './console/console-routes.js';
import { Metrics } from './metrics/metrics.js';
import { metricsPlugin } from './metrics/metrics-plugin.js';
import { httpMetrics, metricsRoutes } from './metrics/metrics-routes.js';
import { observedSessionStore } from './auth/observed-session-store.js';
import { databasePoolOf } from './db/database-pool.js';
import { formatError } from './http/format-error.js';
import { healthRoutes } from './http/health-routes.js';
import { createLogger, type Logger } from './http/logger.js';
import { operationLogging } from './http/operation-logging.js';
import { keepQueryLimitCode, queryLimitRules } from './http/query-limits.js';
import { privateAnswers } from './http/private-answers.js';
import { requestErrors } from './http/request-errors.js';
import { graphqlHandler } from './http/graphql-handler.js';
import { requestLogging, requestLogOf, type RequestLog } from './http/request-logging.js';
import { withoutSuggestions } from './http/suggestions.js';
import type { PerRequestItem } from './http/per-request-items.js';
import { anonymousUnauthenticatedStatus } from './http/unauthenticated-status.js';
import { compiledExecution } from './http/compiled-execution.js';
import { createEventBus } from './subscriptions/create-event-bus.js';
import type { EventBus } from './subscriptions/event-bus.js';
import { liveSessionStore } from './subscriptions/live-session-store.js';
import { startLiveServer } from './subscriptions/live-server.js';
import { RepositoryWriteAccess } from './gitclub/access/repository-write-access.js';

/** What a GraphQL resolver gets over HTTP: the domain's request context, plus the log line operation logging fills in. */
type HttpRequestContext = RequestContext & { readonly requestLog: RequestLog };

/** A running API: its URL, its database and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly tokens: AccessTokens;
  readonly sessions: SessionStore;
  readonly rollout: Rollout;
  /** Where live events and revocations travel (tests and the bench publish on it directly). */
  readonly bus: EventBus;
  /**
   * Starts draining before a stop: `/readyz` answers 503 (`status: "draining"`) so load balancers
   * route elsewhere, and responses say `Connection: close`, while requests are still served.
   */
  drain(): void;
  stop(): Promise<void>;
}

/** Extra knobs for tests and the bench. */
export interface ServerOptions {
  /** Build the schema without the `@auth` transform (bench baseline only). */
  readonly authorization?: boolean;
  readonly schema?: GraphQLSchema;
  readonly onQuery?: (sql: string) => void;
  readonly host?: string;
  /** Where logs go; by default JSON lines on stdout at LOG_LEVEL (tests pass a silent or capturing one). */
  readonly logger?: Logger;
  /** An in-memory embedded database starts from this dumped data directory (tests; see `DatabaseLocation`). */
  readonly pgliteTemplate?: Blob;
  /** How often expired grants are recorded in the audit log, in ms (a minute); 0 turns it off (tests that count statements). */
  readonly expiredGrantsSweepMs?: number;
  /** How long a repeated Idempotency-Key waits for the first attempt still running before 409 (5 s; tests shorten it). */
  readonly idempotencyWaitMs?: number;
  /** Per-request items left out (the bench's ablation only: each is a behaviour tests hold the server to). */
  readonly without?: ReadonlySet<PerRequestItem>;
}

/** Opens the database, migrates, syncs the policy, seeds when asked, and serves GraphQL. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  /** `[value]`, or nothing when the bench's ablation leaves the item out. */
  const keep = <T>(item: PerRequestItem, value: T): T[] => (options.without?.has(item) ? [] : [value]);
  await assertPortFree(config.port, options.host ?? '0.0.0.0');
  const connectionFaults = new ConnectionFaultTally();
  const db = await openGitClubDatabase(
    {
      databaseUrl: config.databaseUrl,
      pgliteDataDir: pgliteLocation(config),
      onQuery: options.onQuery,
      traceQueries: config.tracing !== undefined && !config.databaseUrl,
      pgliteTemplate: options.pgliteTemplate,
      onConnectionFault: connectionFaults.observe,
      migrationUrl: config.databaseMigrationUrl,
      poolSize: config.databasePoolSize,
      poolIdleSeconds: config.databasePoolIdleSeconds,
      preparedStatements: config.databasePreparedStatements,
      migrate: config.migrateAtStart,
    },
    { seedDemoData: config.seedDemoData },
  );
  const rollout = await createRollout(config.rollout, db, logger);
  const keys = await loadKeySet({
    privateKey: config.signingKey,
    previousPublicKeys: config.previousPublicKeys,
    dataDir: config.dataDir === 'memory://' ? undefined : config.dataDir,
  });
  const tokens = new AccessTokens(keys, {
    issuer: config.tokenIssuer,
    audience: config.tokenAudience,
    lifetimeSeconds: config.accessTokenTtlSeconds,
    clockSkewSeconds: config.clockSkewSeconds,
    verifiedCacheSize: config.verifiedTokenCacheSize,
  });
  const readVersions = userVersionSource(() => db.em.fork());
  const metrics = config.metrics
    ? new Metrics({
        tokenVerifications: () => tokens.verifications,
        disagreements: () => new Map(Object.entries(rollout.describe().disagreements ?? {})),
        databasePool: () => databasePoolOf(db, config.databaseUrl),
        connectionFaults: () => connectionFaults,
      })
    : undefined;
  const store: SessionStore = config.redisUrl
    ? new RedisSessionStore(
        { url: config.redisUrl, keyPrefix: config.redisKeyPrefix, versionTtlSeconds: config.redisVersionTtlSeconds },
        readVersions,
      )
    : new MemorySessionStore(readVersions);
  // Live subscriptions: events and revocations travel on this bus (Redis pub/sub with REDIS_URL); the store tells it of revocations.
  const bus = await createEventBus(config.redisUrl ? { url: config.redisUrl, keyPrefix: config.redisKeyPrefix } : undefined);
  // The live server, started below, is told of what this instance publishes (its version watch need not read it back).
  let observePublished: (changes: readonly (readonly [string, UserVersions])[]) => void = () => {};
  const sessions = liveSessionStore(
    metrics ? observedSessionStore(store, () => metrics.sessionStoreFailures.inc()) : store,
    bus,
    (changes) => observePublished(changes),
  );
  const signInThrottle = createSignInThrottle(
    config.rateLimit,
    config.redisUrl ? { url: config.redisUrl, keyPrefix: config.redisKeyPrefix } : undefined,
  );
  await signInThrottle.ready();
  const provider = config.externalIdentityProvider;
  const authentication: Authentication = {
    tokens,
    sessions,
    staleTokens: config.staleTokens,
    external: provider && new ExternalTokens(provider),
    findExternalUser: provider && externalUserLookup(() => db.em.fork(), provider.userField),
  };
  const logDenial = denialLogger(logger);
  const schema = options.schema ?? buildSchema({ authorization: options.authorization, onDenied: logDenial });
  const contextServices: RequestContextServices = {
    db,
    authentication,
    rollout,
    signInThrottle,
    onDenied: logDenial,
    explainDenials: config.authzDebug,
    refreshTokenLifetimeSeconds: config.refreshTokenTtlSeconds,
    grantMaxDays: config.grantMaxDays,
    metrics,
    traceDecisions: config.tracing !== undefined,
    publishLive: (event) => bus.publish(event),
    repositoryWriteAccess: new RepositoryWriteAccess(),
  };

  let draining = false;
  const app = express();
  const first: RequestHandler[] = [
    ...(metrics ? keep('http-metrics', httpMetrics(metrics)) : []),
    // While draining, keep-alive clients are told to reconnect (to another instance) after this response.
    ...keep<RequestHandler>('drain-header', (_request, response, next) => {
      if (draining) response.setHeader('connection', 'close');
      next();
    }),
  ];
  for (const middleware of first) app.use(middleware);
  app.disable('x-powered-by');
  // The client IP (`req.ip`) that sign-in throttling keys on: X-Forwarded-For only from proxies TRUST_PROXY names.
  app.set('trust proxy', config.trustProxy);
  const httpServer: Server = createServer(app);
  // Above the proxy's idle timeout (Caddy's upstream keep-alive: 60 s in deploy/Caddyfile): a proxy reusing a
  // connection this server has just closed answers 502. Headers must arrive within a second more.
  httpServer.keepAliveTimeout = config.httpKeepAliveTimeoutSeconds * 1000;
  httpServer.headersTimeout = httpServer.keepAliveTimeout + 1000;
  const idempotencyKeys = new IdempotencyKeys(() => db.em.fork());
  // Subscriptions over WebSocket on the same port and path (graphql-ws); closed when Apollo Server drains.
  const live = startLiveServer({
    httpServer,
    path: '/graphql',
    schema,
    services: contextServices,
    bus,
    limits: config.subscriptionLimits,
    queryLimits: config.queryLimits,
    documentLimits: config.documentLimits,
    listSizes: { defaultListSize: defaultPageSize, variableListSize: maxPageSize },
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    formatError: (formatted, error) => formatError(config.suggestions ? formatted : withoutSuggestions(formatted), error),
    metrics: metrics?.live,
    logger,
    // Without Redis, changes made outside this instance (the platform command-line tool) reach its subscriptions this way.
    readVersions: config.redisUrl ? undefined : usersVersionSource(() => db.em.fork()),
  });
  observePublished = live.observePublished;
  // The schema, executed by graphql-jit once a document has been seen GRAPHQL_COMPILE_AFTER times. Not while
  // tracing: OpenTelemetry's GraphQL instrumentation makes its execution and resolver spans around graphql-js.
  const execution = compiledExecution(
    schema,
    {
      ...config.compiledExecution,
      enabled: config.compiledExecution.enabled && config.tracing === undefined && !options.without?.has('compiled-execution'),
    },
    (result) => metrics?.graphqlCompilations.inc({ result }),
  );
  const apollo = new ApolloServer<HttpRequestContext>({
    gateway: execution.gateway,
    // Stack traces would tell clients about the server's internals.
    includeStacktraceInErrorResponses: false,
    logger,
    // main.ts handles SIGTERM and SIGINT (stop everything, then exit); Apollo Server's own handlers would re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // csrfPrevention (below) replaces Apollo Server's, which refuses plain GET queries.
    csrfPrevention: false,
    allowBatchedHttpRequests: config.queryLimits.maxBatch > 1,
    // Counts selections with fragments expanded first; the query limits run once graphql's own rules pass.
    maxRecursiveSelections: true,
    // documentLimits (below) refuses longer documents first; this holds for any document it did not see.
    parseOptions: { maxLexicalTokens: config.documentLimits.maxTokens },
    validationRules: keep('query-limit-rules', queryLimitRules(config.queryLimits)).flat(),
    // Suggestions go in formatError rather than with hideSchemaDetailsFromClientErrors, which strips validation errors only.
    formatError: (formatted, error) => {
      const clientFacing = keepQueryLimitCode(formatted, error);
      return formatError(config.suggestions ? clientFacing : withoutSuggestions(clientFacing), error);
    },
    plugins: [
      // On stop: refuse new connections, give requests in flight up to SHUTDOWN_TIMEOUT_SECONDS (main.ts exits 1 past it).
      ...keep(
        'drain-plugin',
        ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutSeconds * 1000 }),
      ),
      // Apollo's cache-control plugin hooks every field resolver (willResolveField) to compute cache hints nobody reads here: off.
      live.drainPlugin,
      ...keep('cache-control-off', ApolloServerPluginCacheControlDisabled()),
      ...keep('operation-logging', operationLogging<HttpRequestContext>(logger)),
      ...keep('landing-page', explorerLandingPage(config.explorer, config.seedDemoData ? demoGuide : {})),
      ...keep('unauthenticated-status', anonymousUnauthenticatedStatus as ApolloServerPlugin<HttpRequestContext>),
      ...(metrics ? keep('metrics-plugin', metricsPlugin(metrics) as ApolloServerPlugin<HttpRequestContext>) : []),
      ...keep(
        'idempotency',
        idempotentMutations(idempotencyKeys, {
          unkeyedRootFields: rootFieldsAnsweringCredentials,
          onReplay: () => metrics?.idempotentReplays.inc(),
          waitForRunningMs: options.idempotencyWaitMs,
        }) as ApolloServerPlugin<HttpRequestContext>,
      ),
      ...keep(
        'query-cost',
        queryCostPlugin(config.queryLimits.maxCost, {
          defaultListSize: defaultPageSize,
          variableListSize: maxPageSize,
        }) as ApolloServerPlugin<HttpRequestContext>,
      ),
      // Last: it answers each operation it executes without errors, so every plugin before it has had its say (an idempotent replay).
      execution.plugin as ApolloServerPlugin<HttpRequestContext>,
    ],
  });
  await apollo.start();

  // Cross-origin browser apps (CORS_ORIGINS): preflights are answered here, before anything else reads the request.
  const cors = corsPolicy(config.corsOrigins);
  if (cors) app.use('/graphql', cors);
  // GraphQL first: most requests are for it, and Express tries every route mounted before the one that answers. One
  // router mounted on the path: Express matches the path once for it, not once per middleware (and rewrites the URL once).
  const graphqlRoute = express.Router();
  app.use('/graphql', graphqlRoute);
  graphqlRoute.use(
    requestLogging(logger),
    ...keep('private-answers', privateAnswers),
    ...(config.explorer ? [] : [explorerOff]),
    ...keep('explorer-headers', explorerPageHeaders),
    ...keep('csrf-prevention', csrfPrevention),
    express.json({ limit: config.httpBodyLimitBytes }),
    ...keep('batch-limit', batchLimit(config.queryLimits.maxBatch)),
    ...keep('keyed-batches', refuseKeyedBatches),
    ...keep('document-limits', documentLimits(config.documentLimits)),
    graphqlHandler(apollo, async ({ req, res }): Promise<HttpRequestContext> => {
      const requestLog = requestLogOf(res);
      if (!requestLog) throw new Error('The GraphQL route must start with requestLogging.');
      const request = { requestId: requestLog.requestId, authorization: req.headers.authorization, clientIp: req.ip };
      return { ...(await createRequestContext(contextServices, request)), requestLog };
    }),
    requestErrors(logger),
  );
  app.use(
    healthRoutes({
      db,
      sessions,
      jwks: { keys: [...keys.verification] },
      rollout: () => rollout.describe(),
      logger,
      draining: () => draining,
    }),
  );
  if (config.explorer) app.use(explorerAssetRoutes());
  // The GitClub console (CONSOLE_ENABLED): its page, under its own strict CSP, and its bundled files.
  app.use(config.consoleEnabled ? consoleRoutes() : consoleOff);
  if (metrics) app.use(metricsRoutes(metrics, config.metricsToken));
  // The AuthZEN decision point: the same decisions for programs (PDP clients) and for users about themselves.
  app.use(
    authzenRoutes({
      open: gitClubDecisionPoint(contextServices),
      limits: authzenLimits,
      bodyLimitBytes: config.httpBodyLimitBytes,
      logger,
      cors,
    }),
  );

  // Expired grants already grant nothing; this records their expiry in the audit log once a minute. Access reviews
  // past their due date are closed by the same sweep: their undecided items follow the review's default; idempotency
  // keys older than 24 hours are deleted. One sweep at a time.
  const sweepMs = options.expiredGrantsSweepMs ?? 60_000;
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweepMs === 0 || sweeping) return;
    sweeping = true;
    void recordExpiredGrants(db.em.fork(), (event) => bus.publish(event))
      .catch((error: unknown) => logger.error({ err: error }, 'recording expired grants failed'))
      .then(() => closeDueAccessReviews({ em: db.em.fork(), publish: (pending) => sessions.publish(pending) }, new Date()))
      .catch((error: unknown) => logger.error({ err: error }, 'closing due access reviews failed'))
      .then(() => idempotencyKeys.sweep())
      .catch((error: unknown) => logger.error({ err: error }, 'deleting expired idempotency keys failed'))
      .finally(() => {
        sweeping = false;
      });
  }, sweepMs || 60_000);
  sweep.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, options.host ?? '0.0.0.0', () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // A port in use (EADDRINUSE): release what started, and let the caller say which setting to change.
    clearInterval(sweep);
    await Promise.allSettled([apollo.stop(), sessions.close(), signInThrottle.close(), bus.close(), db.close()]);
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    db,
    tokens,
    sessions,
    rollout,
    bus,
    drain() {
      draining = true;
    },
    // Stops accepting connections and lets in-flight requests finish (the drain plugin) before closing what they use.
    async stop() {
      clearInterval(sweep);
      await apollo.stop();
      await rollout.close();
      await sessions.close();
      await signInThrottle.close();
      await bus.close();
      await db.close();
    },
  };
}

const demoGuide = {
  demoPassword,
  demoLogins: Object.entries(demoUsers).map(([login, description]) => ({ email: demoEmail(login), description })),
};

function pgliteLocation(config: Config): string {
  return config.dataDir === 'memory://' ? 'memory://' : `${config.dataDir}/pglite`;
}
