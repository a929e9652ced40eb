import { ConfigError, loadConfig, type Config } from './config.js';
import { demoEmail, demoPassword, demoUsers } from './gitclub/demo/demo-cast.js';
import { createLogger } from './http/logger.js';
import { startServer, type RunningServer } from './server.js';
import { startupFailureLine } from './startup-failure.js';
import { runningTracerProvider, stopTracing } from './tracing/running-tracing.js';
import { endpointWithoutCredentials } from './tracing/tracing-settings.js';

/**
 * `npm start`: serve the API, print where and how to sign in as each demo user (plain text, for
 * people); requests, denials and the shutdown are logged as JSON lines (for log collectors).
 */
let config: Config | undefined;
let server: RunningServer | undefined;
let stopping = false;

/**
 * SIGTERM and SIGINT, registered before anything starts (node as PID 1 ignores a signal it has no
 * handler for). During start-up on PostgreSQL the process exits at once: migrations and the seed
 * are transactions that roll back with their connection; on the embedded database it stops once
 * start-up is done (its files are not left half-written). Once serving: `/readyz` answers 503
 * for SHUTDOWN_DRAIN_SECONDS while requests are still served (load balancers stop routing here),
 * then new connections are refused and requests in flight get SHUTDOWN_TIMEOUT_SECONDS to
 * finish. A second signal exits at once.
 */
function onSignal(signal: NodeJS.Signals): void {
  const logger = createLogger(config?.logLevel ?? 'info');
  if (stopping) {
    logger.warn({ signal }, 'second signal during shutdown; exiting now');
    process.exit(1);
  }
  stopping = true;
  if (!server) {
    if (config?.databaseUrl) {
      logger.info({ signal }, 'stopping during start-up: nothing was serving');
      process.exit(0);
    }
    logger.info({ signal }, 'stopping once start-up is done (the embedded database finishes what it writes)');
    return;
  }
  void shutdown(server, signal);
}

async function shutdown(running: RunningServer, signal: string): Promise<void> {
  const settings = config as Config;
  const logger = createLogger(settings.logLevel);
  const drainMs = settings.shutdownDrainSeconds * 1000;
  logger.info(
    { signal, drainSeconds: settings.shutdownDrainSeconds, timeoutSeconds: settings.shutdownTimeoutSeconds },
    'shutting down: draining, then finishing in-flight requests',
  );
  const deadline = setTimeout(
    () => {
      logger.error({ timeoutSeconds: settings.shutdownTimeoutSeconds }, 'shutdown timed out; exiting anyway');
      process.exit(1);
    },
    drainMs + settings.shutdownTimeoutSeconds * 1000,
  );
  running.drain();
  await new Promise((resolve) => setTimeout(resolve, drainMs));
  try {
    await running.stop();
    await stopTracing();
    clearTimeout(deadline);
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const settings = loadConfig();
  config = settings;
  const [refusal] = settings.productionRefusals;
  if (refusal) throw new ConfigError(refusal);
  const logger = createLogger(settings.logLevel);
  server = await startServer(settings, { logger });
  if (stopping) {
    void shutdown(server, 'SIGTERM');
    return;
  }
  const database = settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${settings.dataDir}/pglite`;
  // Before the ready line, which tests and scripts wait for.
  if (settings.tracing) {
    console.log(
      runningTracerProvider()
        ? `Tracing: spans to ${endpointWithoutCredentials(settings.tracing.endpoint)} as service "${settings.tracing.serviceName}" (sampler ${settings.tracing.sampler}).`
        : 'OTEL_EXPORTER_OTLP_ENDPOINT is set, but tracing is not running: start with `npm start`, or `node --import ./dist/tracing.js dist/main.js`.',
    );
  }
  // "Ready" only when /readyz would say so: the session store (Redis) may be unreachable while the rest started.
  const sessionStore = await server.sessions.ping().then(
    () => undefined,
    () => 'the session store at REDIS_URL does not answer',
  );
  console.log(
    sessionStore
      ? `Rolegate GraphQL API started at ${server.url} on ${database}, but NOT READY: ${sessionStore}; requests with tokens get 503 and /readyz answers 503 until it does.`
      : `Rolegate GraphQL API ready at ${server.url} on ${database}.`,
  );
  const rollout = server.rollout.describe();
  console.log(
    rollout.mode === 'enforce'
      ? 'Authorization mode: enforce (the new RBAC decides).'
      : `Authorization mode: ${rollout.mode}, mapping ${rollout.mapping}, enforced cohorts: ${rollout.enforcedUsers} allow-listed users + ${rollout.enforcedPercent}% of users.`,
  );
  if (settings.seedDemoData) {
    console.log(`\nDemo users (password "${demoPassword}"); sign in with:`);
    console.log(`  mutation { login(input: {email: "john@gitclub.test", password: "${demoPassword}"}) { accessToken } }`);
    console.log('then send the header  Authorization: Bearer <accessToken>\n');
    for (const [login, description] of Object.entries(demoUsers)) console.log(`  ${demoEmail(login).padEnd(22)} ${description}`);
  }
}

main().catch((error: unknown) => {
  console.error(startupFailureLine(error, config) ?? error);
  process.exit(1);
});
