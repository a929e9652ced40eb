import { loadConfig, type Config } from './config.js';
import { demoEmail, demoPassword, demoUsers } from './gitclub/demo/demo-cast.js';
import { createLogger } from './http/logger.js';
import { startServer } from './server.js';
import { startupFailureLine } from './startup-failure.js';
import { runningTracerProvider, stopTracing } from './tracing/running-tracing.js';

/**
 * `npm start`: serve the API, print where and how to sign in as each demo user (plain text, for
 * people); requests, denials and the shutdown are logged as JSON lines (for log collectors).
 */
let config: Config | undefined;

async function main(): Promise<void> {
  const settings = loadConfig();
  config = settings;
  const logger = createLogger(settings.logLevel);
  const server = await startServer(settings, { logger });
  const database = settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${settings.dataDir}/pglite`;
  // Before the ready line, which tests and scripts wait for.
  if (settings.tracing) {
    console.log(
      runningTracerProvider()
        ? `Tracing: spans to ${settings.tracing.endpoint} as service "${settings.tracing.serviceName}" (sampler ${settings.tracing.sampler}).`
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
  let stopping = false;
  // New connections are refused at once; in-flight requests get SHUTDOWN_TIMEOUT_SECONDS to finish. A second signal exits at once.
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, timeoutSeconds: settings.shutdownTimeoutSeconds }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      logger.error({ timeoutSeconds: settings.shutdownTimeoutSeconds }, 'shutdown timed out; exiting anyway');
      process.exit(1);
    }, settings.shutdownTimeoutSeconds * 1000);
    server
      .stop()
      .then(stopTracing)
      .then(
        () => {
          clearTimeout(deadline);
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(startupFailureLine(error, config) ?? error);
  process.exit(1);
});
