/**
 * Every setting of the server, documented once: what docs/configuration.md shows (rendered by
 * `renderConfigurationDoc`, written by `npm run docs:config`). A test holds it to src/config.ts:
 * each variable the config module reads has a row here, and each row names variables it reads.
 */
export interface SettingDoc {
  /** The environment variables the row documents (a `_FILE` variant included). */
  readonly variables: readonly string[];
  /** How the variables are shown (Markdown). */
  readonly shown: string;
  readonly default: string;
  readonly meaning: string;
}

/** The settings, in the order the reference lists them. */
export const configurationReference: readonly SettingDoc[] = [
  { variables: ['PORT'], shown: '`PORT`', default: '`4000`', meaning: 'HTTP port' },
  {
    variables: ['NODE_ENV'],
    shown: '`NODE_ENV`',
    default: 'unset (`production` in the Docker image)',
    meaning:
      '`production` turns the defaults of `GRAPHQL_INTROSPECTION`, `GRAPHQL_SUGGESTIONS`, `GRAPHQL_EXPLORER`, `CONSOLE_ENABLED` and `SEED_DEMO_DATA` to `false` and of `SHUTDOWN_DRAIN_SECONDS` to 5, refuses `AUTHZ_DEBUG=true`, and refuses to start the server without `DATABASE_URL` or `JWT_PRIVATE_KEY`, or with `SEED_DEMO_DATA=true` (see `PRODUCTION_ALLOW`)',
  },
  {
    variables: ['DATA_DIR'],
    shown: '`DATA_DIR`',
    default: '`./data` (`/data` in the Docker image)',
    meaning: 'embedded database (`DATA_DIR/pglite`) and the generated signing key (`DATA_DIR/signing-key.json`); git-ignored',
  },
  {
    variables: ['DATABASE_URL', 'DATABASE_URL_FILE'],
    shown: '`DATABASE_URL` (or `_FILE`)',
    default: 'unset',
    meaning: 'a `postgres://` URL: use that PostgreSQL instead of the embedded one (same migrations)',
  },
  {
    variables: ['DATABASE_MIGRATION_URL', 'DATABASE_MIGRATION_URL_FILE'],
    shown: '`DATABASE_MIGRATION_URL` (or `_FILE`)',
    default: 'unset (migrations run over `DATABASE_URL`)',
    meaning:
      "a `postgres://` URL of a role owning the schema: migrations run over it at start, so `DATABASE_URL` can be a runtime role without DDL rights (which cannot drop the audit log's append-only trigger); see docs/deployment.md",
  },
  {
    variables: ['DATABASE_POOL_SIZE'],
    shown: '`DATABASE_POOL_SIZE`',
    default: '`10`',
    meaning:
      "connections in each instance's PostgreSQL pool (1 to 1000); the budget is replicas x pool size + 1 (start-up) + what other clients use, under PostgreSQL's `max_connections`",
  },
  {
    variables: ['DATABASE_POOL_IDLE_SECONDS'],
    shown: '`DATABASE_POOL_IDLE_SECONDS`',
    default: '`600`',
    meaning:
      "seconds a pooled PostgreSQL connection may stay unused before it is closed (0 to 86400; 0: never); a closed connection takes the plans it kept and its server process's warm caches with it, so the first requests after a longer pause pay to open, warm and prepare again",
  },
  {
    variables: ['DATABASE_PREPARED_STATEMENTS'],
    shown: '`DATABASE_PREPARED_STATEMENTS`',
    default: '`true`',
    meaning:
      "`false`: reads are sent with their values inlined, as text PostgreSQL plans anew each time, instead of as prepared statements whose plans each connection (or the embedded database's one session) keeps; for a pooler that cannot carry named statements between its clients and the server (PgBouncer in transaction mode before 1.21, or without `max_prepared_statements`)",
  },
  {
    variables: ['MIGRATE_AT_START'],
    shown: '`MIGRATE_AT_START`',
    default: '`true`',
    meaning:
      '`false`: the server applies no migration but refuses to start while one is pending, naming it; run `npm run db:migrate` (`node dist/cli/db-migrate.js` in the image) as a separate step',
  },
  {
    variables: ['PRODUCTION_ALLOW'],
    shown: '`PRODUCTION_ALLOW`',
    default: 'unset',
    meaning:
      'with `NODE_ENV=production` the server refuses to start without `DATABASE_URL`, without `JWT_PRIVATE_KEY`, or with `SEED_DEMO_DATA=true`; this comma-separated list (`embedded-database`, `generated-signing-key`, `demo-data`) lifts each refusal for an operator who means it',
  },
  {
    variables: ['JWT_PRIVATE_KEY', 'JWT_PRIVATE_KEY_FILE'],
    shown: '`JWT_PRIVATE_KEY` (or `JWT_PRIVATE_KEY_FILE`)',
    default: 'generated',
    meaning:
      'Ed25519 private key for access tokens, as a JWK (JSON) or PKCS#8 PEM; when unset, one is generated on first start and kept in `DATA_DIR/signing-key.json`',
  },
  {
    variables: ['JWT_PREVIOUS_PUBLIC_KEYS', 'JWT_PREVIOUS_PUBLIC_KEYS_FILE'],
    shown: '`JWT_PREVIOUS_PUBLIC_KEYS` (or `_FILE`)',
    default: 'none',
    meaning: 'public keys of previous signing keys, still accepted during a rotation: a JWKS, a JWK or SPKI PEMs',
  },
  { variables: ['JWT_ISSUER'], shown: '`JWT_ISSUER`', default: '`rolegate`', meaning: '`iss` of issued tokens, required on verification' },
  {
    variables: ['JWT_AUDIENCE'],
    shown: '`JWT_AUDIENCE`',
    default: '`rolegate-api`',
    meaning: '`aud` of issued tokens, required on verification',
  },
  {
    variables: ['ACCESS_TOKEN_TTL_SECONDS'],
    shown: '`ACCESS_TOKEN_TTL_SECONDS`',
    default: '`600`',
    meaning: 'access-token lifetime (30 to 86400)',
  },
  {
    variables: ['REFRESH_TOKEN_TTL_SECONDS'],
    shown: '`REFRESH_TOKEN_TTL_SECONDS`',
    default: '`2592000`',
    meaning: 'refresh-token lifetime (30 days)',
  },
  {
    variables: ['TOKEN_CLOCK_SKEW_SECONDS'],
    shown: '`TOKEN_CLOCK_SKEW_SECONDS`',
    default: '`30`',
    meaning: "tolerated clock difference for `exp`, `nbf`, `iat` (this server's tokens and an external provider's)",
  },
  {
    variables: ['VERIFIED_TOKEN_CACHE_SIZE'],
    shown: '`VERIFIED_TOKEN_CACHE_SIZE`',
    default: '`10000`',
    meaning: 'verified access tokens kept in memory (never past `exp`); `0` disables',
  },
  {
    variables: ['STALE_TOKENS'],
    shown: '`STALE_TOKENS`',
    default: '`reload`',
    meaning:
      "a token issued before its user's access changed: `reload` takes the roles from the database for that request; `reject` refuses it with 401 (the client refreshes)",
  },
  {
    variables: ['REDIS_URL', 'REDIS_URL_FILE'],
    shown: '`REDIS_URL` (or `_FILE`)',
    default: 'unset',
    meaning:
      'Redis for revocations and authorization versions shared by several instances; without it they live in process (one instance only)',
  },
  { variables: ['REDIS_KEY_PREFIX'], shown: '`REDIS_KEY_PREFIX`', default: '`rolegate:`', meaning: 'prefix of every Redis key' },
  {
    variables: ['REDIS_VERSION_TTL_SECONDS'],
    shown: '`REDIS_VERSION_TTL_SECONDS`',
    default: '`300`',
    meaning: 'how long a cached version lives in Redis (bounds how long a change committed while Redis was unreachable can go unnoticed)',
  },
  {
    variables: ['AUTH_JWKS_URL', 'AUTH_JWKS_URL_FILE', 'AUTH_ISSUER', 'AUTH_AUDIENCE'],
    shown: '`AUTH_JWKS_URL` (or `_FILE`), `AUTH_ISSUER`, `AUTH_AUDIENCE`',
    default: 'unset',
    meaning: 'accept access tokens of an external identity provider too (all three or none)',
  },
  { variables: ['AUTH_USER_CLAIM'], shown: '`AUTH_USER_CLAIM`', default: '`sub`', meaning: "the external token's claim naming the user" },
  {
    variables: ['AUTH_USER_FIELD'],
    shown: '`AUTH_USER_FIELD`',
    default: '`login`',
    meaning: 'what that claim is matched against: `login`, `email` or `id`',
  },
  {
    variables: ['AUTH_JWKS_COOLDOWN_SECONDS'],
    shown: '`AUTH_JWKS_COOLDOWN_SECONDS`',
    default: '`30`',
    meaning: "least time between two fetches of the provider's JWKS (an unknown `kid` triggers one)",
  },
  {
    variables: ['SEED_DEMO_DATA'],
    shown: '`SEED_DEMO_DATA`',
    default: '`true`; `false` with `NODE_ENV=production` (so in the Docker image)',
    meaning: 'seed the demo data when the database has none (users with the known password `rolegate-demo`: never on a real database)',
  },
  {
    variables: ['QUERY_MAX_DEPTH'],
    shown: '`QUERY_MAX_DEPTH`',
    default: '`12`',
    meaning: 'how deeply fields may nest (`{ viewer { login } }` is 2)',
  },
  {
    variables: ['QUERY_MAX_ALIASES'],
    shown: '`QUERY_MAX_ALIASES`',
    default: '`30`',
    meaning: 'aliased fields per operation, fragments expanded',
  },
  {
    variables: ['QUERY_MAX_ROOT_FIELDS'],
    shown: '`QUERY_MAX_ROOT_FIELDS`',
    default: '`20`',
    meaning: 'fields at the root of an operation',
  },
  {
    variables: ['QUERY_MAX_COST'],
    shown: '`QUERY_MAX_COST`',
    default: '`50000`',
    meaning: 'estimated field values in the response (see "Query limits")',
  },
  {
    variables: ['GRAPHQL_COMPILED_EXECUTION'],
    shown: '`GRAPHQL_COMPILED_EXECUTION`',
    default: '`true`',
    meaning:
      "`false`: every operation over HTTP is executed by graphql-js, none compiled by graphql-jit. Mutations and subscriptions are always executed by graphql-js, and so is everything while tracing is on (`OTEL_EXPORTER_OTLP_ENDPOINT`): OpenTelemetry's GraphQL instrumentation makes its spans around graphql-js",
  },
  {
    variables: ['GRAPHQL_COMPILE_AFTER'],
    shown: '`GRAPHQL_COMPILE_AFTER`',
    default: '`10`',
    meaning:
      'executions of one document (as Apollo Server caches it) with graphql-js before it is compiled with graphql-jit and executed compiled from then on; `0` compiles at the first. With the default, a document sent once never pays for a compilation',
  },
  {
    variables: ['GRAPHQL_COMPILED_MAX'],
    shown: '`GRAPHQL_COMPILED_MAX`',
    default: '`500`',
    meaning: 'documents whose uses are counted and compilations kept, the least recently used dropped first',
  },
  {
    variables: ['QUERY_MAX_BATCH'],
    shown: '`QUERY_MAX_BATCH`',
    default: '`1`',
    meaning: 'operations per batched request (a JSON array); `1` turns batching off',
  },
  {
    variables: ['QUERY_MAX_TOKENS'],
    shown: '`QUERY_MAX_TOKENS`',
    default: '`15000`',
    meaning: 'lexical tokens in a document (comments not counted), 100 to 1000000; checked before parsing',
  },
  {
    variables: ['QUERY_MAX_NESTING'],
    shown: '`QUERY_MAX_NESTING`',
    default: '`100`',
    meaning:
      'how deeply `{ [ (` nest in a document, 1 to 500 (`{ viewer { login } }` nests 2); checked before parsing, so fields cannot nest deeper than this whatever `QUERY_MAX_DEPTH` says',
  },
  {
    variables: ['WS_CONNECTION_INIT_TIMEOUT_SECONDS'],
    shown: '`WS_CONNECTION_INIT_TIMEOUT_SECONDS`',
    default: '`5`',
    meaning:
      'seconds a WebSocket connection (subscriptions, on `/graphql`) has to send `connection_init` before it closes with 4408, 1 to 60',
  },
  {
    variables: ['WS_MAX_CONNECTIONS_PER_IP'],
    shown: '`WS_MAX_CONNECTIONS_PER_IP`',
    default: '`100`',
    meaning:
      'open WebSocket connections from one client address (as `TRUST_PROXY` reads it), signed in or not; one more upgrade is refused with HTTP 429 `SUBSCRIPTION_LIMIT` (`limit: connectionsPerIp`)',
  },
  {
    variables: ['WS_MAX_SUBSCRIPTIONS_PER_CONNECTION'],
    shown: '`WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`',
    default: '`20`',
    meaning: 'active subscriptions on one WebSocket connection; one more is refused with `SUBSCRIPTION_LIMIT` (`limit: perConnection`)',
  },
  {
    variables: ['WS_MAX_SUBSCRIPTIONS_PER_USER'],
    shown: '`WS_MAX_SUBSCRIPTIONS_PER_USER`',
    default: '`100`',
    meaning:
      'active subscriptions of one user on one instance, all connections together; one more is refused with `SUBSCRIPTION_LIMIT` (`limit: perUser`)',
  },
  {
    variables: ['WS_MAX_MESSAGE_BYTES'],
    shown: '`WS_MAX_MESSAGE_BYTES`',
    default: '`64kb`',
    meaning:
      'the largest WebSocket message a client may send (bytes, or with `kb`/`mb`, 1kb to 10mb); a larger one closes the socket with 1009',
  },
  {
    variables: ['WS_MAX_SUBSCRIBES_PER_MINUTE'],
    shown: '`WS_MAX_SUBSCRIBES_PER_MINUTE`',
    default: '`120`',
    meaning:
      'subscribe messages one WebSocket connection may send per minute; more are refused with `SUBSCRIPTION_LIMIT` (`limit: subscribeRate`)',
  },
  {
    variables: ['WS_MAX_BUFFERED_EVENTS'],
    shown: '`WS_MAX_BUFFERED_EVENTS`',
    default: '`100`',
    meaning:
      'events waiting for one subscription whose client reads too slowly; one more closes the connection with 1013 (counted as dropped) instead of holding memory',
  },
  {
    variables: ['HTTP_BODY_LIMIT'],
    shown: '`HTTP_BODY_LIMIT`',
    default: '`1mb`',
    meaning: 'largest request body, in bytes or with `kb`/`mb` (1kb to 100mb); HTTP 413 beyond',
  },
  {
    variables: ['GRAPHQL_INTROSPECTION'],
    shown: '`GRAPHQL_INTROSPECTION`',
    default: '`true`; `false` with `NODE_ENV=production`',
    meaning: 'answer `__schema` / `__type`',
  },
  {
    variables: ['GRAPHQL_SUGGESTIONS'],
    shown: '`GRAPHQL_SUGGESTIONS`',
    default: '`true`; `false` with `NODE_ENV=production`',
    meaning: '"Did you mean …?" hints (they name schema fields and enum values) in error messages',
  },
  {
    variables: ['GRAPHQL_EXPLORER'],
    shown: '`GRAPHQL_EXPLORER`',
    default: '`true`; `false` with `NODE_ENV=production`',
    meaning: 'the GraphiQL explorer on `GET /graphql` for browsers (see "Explorer")',
  },
  {
    variables: ['CONSOLE_ENABLED'],
    shown: '`CONSOLE_ENABLED`',
    default: '`true`; `false` with `NODE_ENV=production`',
    meaning: 'the GitClub console, a web app on `GET /console` (see "Console")',
  },
  {
    variables: ['LOG_LEVEL'],
    shown: '`LOG_LEVEL`',
    default: '`info`',
    meaning:
      '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs are JSON lines on stdout (see "Logs"; the tests run silent)',
  },
  {
    variables: ['SHUTDOWN_TIMEOUT_SECONDS'],
    shown: '`SHUTDOWN_TIMEOUT_SECONDS`',
    default: '`10`',
    meaning:
      'on SIGTERM/SIGINT, how long requests in flight may take to finish (1 to 3600) once the drain is over; past it the process exits with code 1',
  },
  {
    variables: ['SHUTDOWN_DRAIN_SECONDS'],
    shown: '`SHUTDOWN_DRAIN_SECONDS`',
    default: '`0`; `5` with `NODE_ENV=production`',
    meaning:
      'on SIGTERM/SIGINT, how long `/readyz` answers 503 (`draining`) while requests are still served and answered with `Connection: close`, before new connections are refused (0 to 600): load balancers stop routing here first',
  },
  {
    variables: ['HTTP_KEEP_ALIVE_TIMEOUT_SECONDS'],
    shown: '`HTTP_KEEP_ALIVE_TIMEOUT_SECONDS`',
    default: '`65`',
    meaning:
      'how long an idle keep-alive connection stays open (1 to 3600): above the idle timeout of the proxy in front (60 s in deploy/Caddyfile), or it reuses connections this server has just closed (502)',
  },
  {
    variables: ['AUTHZ_MODE'],
    shown: '`AUTHZ_MODE`',
    default: '`enforce`',
    meaning: '`enforce`, `shadow` or `legacy` (see the rollout section)',
  },
  {
    variables: ['LEGACY_MAPPING_FILE'],
    shown: '`LEGACY_MAPPING_FILE`',
    default: '`legacy/mapping.example.json`',
    meaning: 'which legacy flags allow which permissions',
  },
  {
    variables: ['AUTHZ_ENFORCED_USERS'],
    shown: '`AUTHZ_ENFORCED_USERS`',
    default: 'none',
    meaning: 'comma-separated logins or ids already enforced in shadow mode',
  },
  {
    variables: ['AUTHZ_ENFORCED_PERCENT'],
    shown: '`AUTHZ_ENFORCED_PERCENT`',
    default: '`0`',
    meaning: 'percentage of users (stable hash) enforced in shadow mode',
  },
  {
    variables: ['AUTHZ_DEBUG'],
    shown: '`AUTHZ_DEBUG`',
    default: '`false`',
    meaning: 'FORBIDDEN errors carry what the viewer holds (development only: refused with `NODE_ENV=production`)',
  },
  {
    variables: ['GRANT_MAX_DAYS'],
    shown: '`GRANT_MAX_DAYS`',
    default: '`90`',
    meaning: 'longest a direct grant may last, in days (1 to 3650)',
  },
  {
    variables: ['RATE_LIMIT_ENABLED'],
    shown: '`RATE_LIMIT_ENABLED`',
    default: '`true`',
    meaning: 'throttle `login`, `signUp` and `refreshToken` (refused with 429 `RATE_LIMITED`)',
  },
  {
    variables: ['RATE_LIMIT_LOGIN_PER_EMAIL'],
    shown: '`RATE_LIMIT_LOGIN_PER_EMAIL`',
    default: '`10`',
    meaning: 'failed logins per email and client IP within the window; a correct password clears the count',
  },
  {
    variables: ['RATE_LIMIT_PER_IP'],
    shown: '`RATE_LIMIT_PER_IP`',
    default: '`100`',
    meaning: 'sign-in attempts (`login`, `signUp`, `refreshToken` together) per client IP within the window',
  },
  {
    variables: ['RATE_LIMIT_WINDOW_SECONDS'],
    shown: '`RATE_LIMIT_WINDOW_SECONDS`',
    default: '`900`',
    meaning: 'the window of both limits (1 to 86400)',
  },
  {
    variables: ['CORS_ORIGINS'],
    shown: '`CORS_ORIGINS`',
    default: 'empty',
    meaning:
      'browser apps on other origins allowed to call `/graphql`, comma-separated (`https://app.example.com,http://localhost:5173`: scheme, host and port only), or `*` for any (refused with `NODE_ENV=production`). A listed origin gets `Access-Control-Allow-Origin`, GET and POST, the `authorization` and `content-type` headers, `x-request-id` readable, preflights cached 10 minutes, and never credentials (tokens go in `Authorization`, never cookies); other origins get no CORS headers. CSRF protection is unchanged',
  },
  { variables: ['METRICS'], shown: '`METRICS`', default: '`true` (`false` in production)', meaning: 'serve `GET /metrics`' },
  {
    variables: ['METRICS_TOKEN', 'METRICS_TOKEN_FILE'],
    shown: '`METRICS_TOKEN` / `METRICS_TOKEN_FILE`',
    default: 'unset',
    meaning:
      'the bearer token `GET /metrics` requires; open without it outside production. Required with `METRICS=true` and `NODE_ENV=production`, and an empty one (an empty secret file) is a start-up error, never an open endpoint',
  },
  {
    variables: ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
    shown: '`OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)',
    default: 'unset: no tracing',
    meaning:
      'OpenTelemetry tracing to this OTLP/HTTP collector (`http://collector:4318`; `/v1/traces` is added to the first, the second is used as given): spans for HTTP, Express, GraphQL, PostgreSQL (`pg`, or the embedded database) and Redis, authorization decisions as `authz.decision` span events, W3C `traceparent` honoured. Starts only through `npm start` or `node --import ./dist/tracing.js dist/main.js` (the image does). `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_EXPORTER_OTLP_TIMEOUT` are read by the exporter',
  },
  {
    variables: ['OTEL_SERVICE_NAME'],
    shown: '`OTEL_SERVICE_NAME`',
    default: '`rolegate`',
    meaning: 'the `service.name` of the spans (`OTEL_RESOURCE_ATTRIBUTES` adds more)',
  },
  {
    variables: ['OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG'],
    shown: '`OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`',
    default: '`parentbased_always_on` / `1`',
    meaning:
      "which traces are kept: `always_on`, `always_off`, `traceidratio` or their `parentbased_` forms (follow the caller's decision); the argument is the ratio, 0 to 1",
  },
  {
    variables: ['OTEL_SDK_DISABLED'],
    shown: '`OTEL_SDK_DISABLED`',
    default: '`false`',
    meaning: '`true` turns tracing off whatever else is set',
  },
  {
    variables: ['TRUST_PROXY'],
    shown: '`TRUST_PROXY`',
    default: '`false`',
    meaning:
      "express `trust proxy`: `false` (the client is the socket's address), a number of proxies in front (0 to 100), or `true` (the leftmost `X-Forwarded-For` address, which clients can forge: prefer the hop count)",
  },
];

/** docs/configuration.md: the reference as a Markdown table. */
export function renderConfigurationDoc(): string {
  return [
    '# Configuration',
    '',
    '<!-- Generated from src/config-reference.ts by `npm run docs:config`; a test fails while it is stale. -->',
    '',
    'All settings are environment variables, validated at start: a bad value stops the server with one',
    'line naming the variable. Where a `_FILE` variant is listed, it reads the value from that file',
    '(Docker and Kubernetes secrets).',
    '',
    '| variable | default | meaning |',
    '| --- | --- | --- |',
    ...configurationReference.map((setting) => `| ${setting.shown} | ${setting.default} | ${setting.meaning} |`),
    '',
  ].join('\n');
}
