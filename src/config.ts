import type { CompiledExecutionOptions } from './http/compiled-execution.js';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import type { StaleTokenPolicy } from './auth/authenticate.js';
import type { ExternalIdentityProvider } from './auth/external-tokens.js';
import type { SignInThrottleSettings } from './auth/sign-in-throttle.js';
import { valueOrFile } from './auth/key-set.js';
import type { DocumentLimits } from './http/document-limits.js';
import type { QueryLimits } from './http/query-limits.js';
import type { SubscriptionLimits } from './subscriptions/subscription-limits.js';
import { logLevels, type LogLevel } from './http/logger.js';
import type { AuthorizationMode } from '@rolegate/authz';
import type { RolloutSettings } from './gitclub/legacy/rollout.js';
import { tracingSettings, type TracingSettings } from './tracing/tracing-settings.js';

export { ConfigError };

/** Every setting of the server, validated once at start. */
export interface Config {
  readonly port: number;
  /** Embedded database and generated keys live here (git-ignored). */
  readonly dataDir: string;
  /** PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  /** The PostgreSQL URL migrations run over (a role owning the schema), when the runtime role of `databaseUrl` has no DDL rights. */
  readonly databaseMigrationUrl: string | undefined;
  /** Connections in each instance's PostgreSQL pool. */
  readonly databasePoolSize: number;
  /**
   * How long a pooled PostgreSQL connection may sit unused before it is closed (0: never). A closed
   * connection takes its prepared statements and the server process's warm caches with it, and the
   * next burst of requests pays to open, warm and prepare again.
   */
  readonly databasePoolIdleSeconds: number;
  /** Reads go as prepared statements, on PostgreSQL and embedded (false: values inlined, for a pooler that cannot carry named statements). */
  readonly databasePreparedStatements: boolean;
  /** Apply pending migrations at start (true), or refuse to start while any is pending (false: migrations are a separate step). */
  readonly migrateAtStart: boolean;
  /** Ed25519 private key for access tokens, as a JWK or PKCS#8 PEM; generated into `dataDir` when absent. */
  readonly signingKey: string | undefined;
  /** Public keys of previous signing keys, still accepted (rotation). */
  readonly previousPublicKeys: string | undefined;
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly clockSkewSeconds: number;
  readonly verifiedTokenCacheSize: number;
  readonly staleTokens: StaleTokenPolicy;
  /** Redis for revocations and versions shared by several instances; in process when absent. */
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  readonly redisVersionTtlSeconds: number;
  /** An external identity provider whose tokens are accepted too. */
  readonly externalIdentityProvider: (ExternalIdentityProvider & { readonly userField: 'login' | 'email' | 'id' }) | undefined;
  /** Seed the demo data when the database has none (by default not with NODE_ENV=production). */
  readonly seedDemoData: boolean;
  /** FORBIDDEN errors carry what the viewer holds (never in production: it describes roles). */
  readonly authzDebug: boolean;
  /** Longest a direct grant (an exception) may last, in days. */
  readonly grantMaxDays: number;
  /** The rollout from a legacy permission system: mode, mapping file and enforced cohorts. */
  readonly rollout: RolloutSettings;
  /** What one GraphQL request may ask for; anything more is refused before it executes. */
  readonly queryLimits: QueryLimits;
  /** What a GraphQL document's text may hold, checked before it is parsed. */
  readonly documentLimits: DocumentLimits;
  /** When GraphQL documents are compiled with graphql-jit, and how many compiled operations are kept. */
  readonly compiledExecution: CompiledExecutionOptions;
  /** What a WebSocket connection (subscriptions) may hold and send. */
  readonly subscriptionLimits: SubscriptionLimits;
  /** How much the server logs (pino levels, or `silent`). */
  readonly logLevel: LogLevel;
  /** How long a SIGTERM waits for in-flight requests and connections before the process exits anyway (code 1). */
  readonly shutdownTimeoutSeconds: number;
  /** On SIGTERM, how long `/readyz` answers 503 while requests are still served, before the listener closes (load balancers stop routing). */
  readonly shutdownDrainSeconds: number;
  /** How long an idle keep-alive connection stays open: above the proxy's own idle timeout, or the proxy meets closed connections (502). */
  readonly httpKeepAliveTimeoutSeconds: number;
  /** The largest request body accepted, in bytes (HTTP 413 beyond). */
  readonly httpBodyLimitBytes: number;
  /** Schema introspection (`__schema`, `__type`): on in development, off with NODE_ENV=production. */
  readonly introspection: boolean;
  /** "Did you mean ...?" hints naming schema fields and values in error messages: as `introspection`. */
  readonly suggestions: boolean;
  /** The GraphiQL explorer on `GET /graphql` for browsers: on in development, off with NODE_ENV=production. */
  readonly explorer: boolean;
  /** The GitClub console, a React web app on `GET /console`: on in development, off with NODE_ENV=production unless `CONSOLE_ENABLED=true`. */
  readonly consoleEnabled: boolean;
  /** Throttling of `login`, `signUp` and `refreshToken` (brute force, and each login costs a scrypt hash). */
  readonly rateLimit: SignInThrottleSettings;
  /** Express `trust proxy`: `false` (the socket's address is the client), `true`, or how many proxies to trust in X-Forwarded-For. */
  readonly trustProxy: boolean | number;
  /** Browser origins allowed to call the API cross-origin (`CORS_ORIGINS`): none by default, `*` for any (not in production). */
  readonly corsOrigins: readonly string[] | '*';
  /** `GET /metrics` in Prometheus' format (`METRICS`): on in development, off with NODE_ENV=production unless asked. */
  readonly metrics: boolean;
  /** A bearer token `GET /metrics` requires (`METRICS_TOKEN` or `METRICS_TOKEN_FILE`); open when absent. */
  readonly metricsToken: string | undefined;
  /** OpenTelemetry tracing (`OTEL_EXPORTER_OTLP_ENDPOINT` and the other `OTEL_*` variables); undefined when off. */
  readonly tracing: TracingSettings | undefined;
  /**
   * Why the server must not start as configured (NODE_ENV=production with a setting that loses or
   * exposes data, not listed in PRODUCTION_ALLOW): `src/main.ts` refuses with the first. Commands
   * (migrations, reports) read the same configuration and do not refuse.
   */
  readonly productionRefusals: readonly string[];
}

/** Reads configuration from environment variables, refusing bad values with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
    return value;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = env[name] || fallback;
    if (!allowed.includes(raw as T))
      throw new ConfigError(`${name} must be one of ${allowed.map((value) => `"${value}"`).join(', ')}; got "${raw}".`);
    return raw as T;
  };
  const flag = (name: string, fallback: boolean): boolean => oneOf(name, fallback ? 'true' : 'false', ['true', 'false']) === 'true';
  const bytes = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
    const value = match
      ? Number(match[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2]?.toLowerCase() ?? 'b') as 'b' | 'kb' | 'mb']
      : NaN;
    if (!(value >= min && value <= max)) {
      throw new ConfigError(
        `${name} must be a size from ${min / 1024}kb to ${max / 1024 / 1024}mb, in bytes or with a unit ("512kb", "1mb"); got "${raw}".`,
      );
    }
    return value;
  };
  const file = (name: string): string | undefined => {
    try {
      return valueOrFile(env[name], env[`${name}_FILE`]);
    } catch (error) {
      throw new ConfigError(unreadableSecretMessage(`${name}_FILE`, env[`${name}_FILE`] ?? '', error));
    }
  };
  // A URL may carry a password: `<NAME>_FILE` reads it from a file (a Docker or Kubernetes secret) instead.
  const url = (name: string, protocols: RegExp): string | undefined => {
    const raw = file(name)?.trim() || undefined;
    // Never the value itself in the message: it may hold a password.
    if (raw && !protocols.test(raw))
      throw new ConfigError(`${name} must be a URL matching ${protocols}; got one starting "${raw.slice(0, raw.indexOf(':') + 1 || 10)}".`);
    return raw;
  };
  const production = env.NODE_ENV === 'production';
  // FORBIDDEN errors would describe the viewer's roles to any client.
  if (production && env.AUTHZ_DEBUG === 'true')
    throw new ConfigError('AUTHZ_DEBUG must not be "true" with NODE_ENV=production: it puts the viewer\'s roles into FORBIDDEN errors.');
  const metrics = flag('METRICS', !production);
  const metricsToken = metricsTokenOf(file('METRICS_TOKEN'), env, metrics && production);
  const databaseUrl = url('DATABASE_URL', /^postgres(ql)?:\/\//);
  const databaseMigrationUrl = url('DATABASE_MIGRATION_URL', /^postgres(ql)?:\/\//);
  if (databaseMigrationUrl && !databaseUrl)
    throw new ConfigError('DATABASE_MIGRATION_URL needs DATABASE_URL: it is the role migrations run as, on that database.');
  const signingKey = file('JWT_PRIVATE_KEY');
  const seedDemoData = flag('SEED_DEMO_DATA', !production);
  const productionRefusals = riskyProductionSettings(production, productionAllowances(env.PRODUCTION_ALLOW), {
    databaseUrl,
    signingKey,
    seedDemoData,
  });
  const jwksUrl = url('AUTH_JWKS_URL', /^https?:\/\//);
  const externalSettings = [jwksUrl, env.AUTH_ISSUER, env.AUTH_AUDIENCE];
  if (externalSettings.some(Boolean) && !externalSettings.every(Boolean)) {
    throw new ConfigError('AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together: set all three or none.');
  }
  return {
    port: integer('PORT', 4000, 0, 65535),
    dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    databaseMigrationUrl,
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    databasePoolIdleSeconds: integer('DATABASE_POOL_IDLE_SECONDS', 600, 0, 86_400),
    databasePreparedStatements: flag('DATABASE_PREPARED_STATEMENTS', true),
    migrateAtStart: flag('MIGRATE_AT_START', true),
    signingKey,
    previousPublicKeys: file('JWT_PREVIOUS_PUBLIC_KEYS'),
    tokenIssuer: env.JWT_ISSUER || 'rolegate',
    tokenAudience: env.JWT_AUDIENCE || 'rolegate-api',
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 600, 30, 86_400),
    refreshTokenTtlSeconds: integer('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 300, 365 * 86_400),
    clockSkewSeconds: integer('TOKEN_CLOCK_SKEW_SECONDS', 30, 0, 300),
    verifiedTokenCacheSize: integer('VERIFIED_TOKEN_CACHE_SIZE', 10_000, 0, 1_000_000),
    staleTokens: oneOf<StaleTokenPolicy>('STALE_TOKENS', 'reload', ['reload', 'reject']),
    redisUrl: url('REDIS_URL', /^rediss?:\/\//),
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'rolegate:',
    redisVersionTtlSeconds: integer('REDIS_VERSION_TTL_SECONDS', 300, 10, 86_400),
    externalIdentityProvider:
      jwksUrl && env.AUTH_ISSUER && env.AUTH_AUDIENCE
        ? {
            jwksUrl,
            issuer: env.AUTH_ISSUER,
            audience: env.AUTH_AUDIENCE,
            userClaim: env.AUTH_USER_CLAIM || 'sub',
            jwksCooldownSeconds: integer('AUTH_JWKS_COOLDOWN_SECONDS', 30, 0, 3600),
            userField: oneOf('AUTH_USER_FIELD', 'login', ['login', 'email', 'id'] as const),
            clockSkewSeconds: integer('TOKEN_CLOCK_SKEW_SECONDS', 30, 0, 300),
          }
        : undefined,
    // In production an empty database must not get the demo users and their shared password.
    seedDemoData,
    authzDebug: flag('AUTHZ_DEBUG', false),
    grantMaxDays: integer('GRANT_MAX_DAYS', 90, 1, 3650),
    rollout: {
      mode: oneOf<AuthorizationMode>('AUTHZ_MODE', 'enforce', ['enforce', 'shadow', 'legacy']),
      mappingFile: env.LEGACY_MAPPING_FILE || 'legacy/mapping.example.json',
      enforcedUsers: (env.AUTHZ_ENFORCED_USERS ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      enforcedPercent: integer('AUTHZ_ENFORCED_PERCENT', 0, 0, 100),
    },
    queryLimits: {
      maxDepth: integer('QUERY_MAX_DEPTH', 12, 1, 1000),
      maxAliases: integer('QUERY_MAX_ALIASES', 30, 0, 100_000),
      maxRootFields: integer('QUERY_MAX_ROOT_FIELDS', 20, 1, 100_000),
      maxCost: integer('QUERY_MAX_COST', 50_000, 1, 1_000_000_000),
      maxBatch: integer('QUERY_MAX_BATCH', 1, 1, 100),
    },
    documentLimits: {
      maxTokens: integer('QUERY_MAX_TOKENS', 15_000, 100, 1_000_000),
      // At most 500: parsing and validation recurse once a level, and a few thousand levels exhaust the call stack.
      maxNesting: integer('QUERY_MAX_NESTING', 100, 1, 500),
    },
    compiledExecution: {
      enabled: flag('GRAPHQL_COMPILED_EXECUTION', true),
      compileAfter: integer('GRAPHQL_COMPILE_AFTER', 10, 0, 1_000_000),
      maxCompiled: integer('GRAPHQL_COMPILED_MAX', 500, 1, 1_000_000),
    },
    subscriptionLimits: {
      connectionInitTimeoutSeconds: integer('WS_CONNECTION_INIT_TIMEOUT_SECONDS', 5, 1, 60),
      connectionsPerIp: integer('WS_MAX_CONNECTIONS_PER_IP', 100, 1, 100_000),
      perConnection: integer('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1000),
      perUser: integer('WS_MAX_SUBSCRIPTIONS_PER_USER', 100, 1, 100_000),
      maxMessageBytes: bytes('WS_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
      subscribesPerMinute: integer('WS_MAX_SUBSCRIBES_PER_MINUTE', 120, 1, 100_000),
      maxBufferedEvents: integer('WS_MAX_BUFFERED_EVENTS', 100, 1, 100_000),
    },
    logLevel: oneOf<LogLevel>('LOG_LEVEL', 'info', logLevels),
    shutdownTimeoutSeconds: integer('SHUTDOWN_TIMEOUT_SECONDS', 10, 1, 3600),
    shutdownDrainSeconds: integer('SHUTDOWN_DRAIN_SECONDS', production ? 5 : 0, 0, 600),
    httpKeepAliveTimeoutSeconds: integer('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 65, 1, 3600),
    httpBodyLimitBytes: bytes('HTTP_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    introspection: flag('GRAPHQL_INTROSPECTION', !production),
    suggestions: flag('GRAPHQL_SUGGESTIONS', !production),
    explorer: flag('GRAPHQL_EXPLORER', !production),
    consoleEnabled: flag('CONSOLE_ENABLED', !production),
    rateLimit: {
      enabled: flag('RATE_LIMIT_ENABLED', true),
      loginFailuresPerEmail: integer('RATE_LIMIT_LOGIN_PER_EMAIL', 10, 1, 1_000_000),
      attemptsPerIp: integer('RATE_LIMIT_PER_IP', 100, 1, 1_000_000),
      windowSeconds: integer('RATE_LIMIT_WINDOW_SECONDS', 900, 1, 86_400),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    corsOrigins: corsOrigins(env.CORS_ORIGINS, production),
    metrics,
    metricsToken,
    tracing: tracingSettings(env),
    productionRefusals,
  };
}

/**
 * `CORS_ORIGINS`: comma-separated origins (`scheme://host[:port]`, as a browser sends them in
 * `Origin`), or `*` for any origin outside production. Empty: no cross-origin browser access.
 */
function corsOrigins(raw: string | undefined, production: boolean): readonly string[] | '*' {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes('*')) {
    if (production)
      throw new ConfigError(
        'CORS_ORIGINS must list origins with NODE_ENV=production; "*" would let any website call the API with its users\' tokens.',
      );
    if (entries.length > 1) throw new ConfigError('CORS_ORIGINS is either "*" or a list of origins, not both.');
    return '*';
  }
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      origin = /^https?:$/.test(url.protocol) ? url.origin : undefined;
    } catch {
      origin = undefined;
    }
    if (origin !== entry)
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as "https://app.example.com" or "http://localhost:5173" (scheme, host and port only); got "${entry}".`,
      );
  }
  return entries;
}

/** `TRUST_PROXY`: `false` (default), `true`, or a number of proxy hops (`0` is `false`). */
function trustProxy(raw: string | undefined): boolean | number {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 100)
    throw new ConfigError(`TRUST_PROXY must be "false", "true" or a number of proxies from 0 to 100; got "${raw}".`);
  return hops === 0 ? false : hops;
}

/**
 * The token `GET /metrics` requires. A token given empty (an empty METRICS_TOKEN_FILE, most often
 * a secret not yet written) is a start-up error rather than an open endpoint, and so is serving
 * metrics in production without one: they describe the traffic and the users' activity.
 */
function metricsTokenOf(raw: string | undefined, env: NodeJS.ProcessEnv, required: boolean): string | undefined {
  const token = raw?.trim() || undefined;
  const given = env.METRICS_TOKEN !== undefined || env.METRICS_TOKEN_FILE !== undefined;
  if (given && !token) {
    const setting = env.METRICS_TOKEN_FILE !== undefined ? `METRICS_TOKEN_FILE (${env.METRICS_TOKEN_FILE})` : 'METRICS_TOKEN';
    throw new ConfigError(`${setting} is empty: /metrics would be open to anyone. Write the token, or unset the setting.`);
  }
  if (required && !token)
    throw new ConfigError(
      'METRICS=true with NODE_ENV=production needs METRICS_TOKEN or METRICS_TOKEN_FILE: /metrics would be open to anyone.',
    );
  return token;
}

/** What `PRODUCTION_ALLOW` may list: each lifts one start-up refusal of NODE_ENV=production. */
const productionAllowanceNames = ['embedded-database', 'generated-signing-key', 'demo-data'] as const;
type ProductionAllowance = (typeof productionAllowanceNames)[number];

function productionAllowances(raw: string | undefined): ReadonlySet<ProductionAllowance> {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!(productionAllowanceNames as readonly string[]).includes(entry))
      throw new ConfigError(
        `PRODUCTION_ALLOW lists ${productionAllowanceNames.map((name) => `"${name}"`).join(', ')}, comma-separated; got "${entry}".`,
      );
  }
  return new Set(entries as ProductionAllowance[]);
}

/**
 * With NODE_ENV=production, the settings that lose data or expose them, each a sentence naming the
 * setting, unless `PRODUCTION_ALLOW` says the operator means it: no DATABASE_URL (the embedded
 * database lives in the container's writable layer unless DATA_DIR is a volume), no signing key
 * (one is generated into DATA_DIR: lost with the container, different on each replica), the demo
 * users with their known password.
 */
function riskyProductionSettings(
  production: boolean,
  allowed: ReadonlySet<ProductionAllowance>,
  settings: { readonly databaseUrl: string | undefined; readonly signingKey: string | undefined; readonly seedDemoData: boolean },
): string[] {
  if (!production) return [];
  const risks: [ProductionAllowance, boolean, string][] = [
    [
      'embedded-database',
      !settings.databaseUrl,
      'DATABASE_URL (or DATABASE_URL_FILE) is unset with NODE_ENV=production: the embedded database would live in DATA_DIR, inside the container unless it is a volume, and serves one process.',
    ],
    [
      'generated-signing-key',
      !settings.signingKey,
      'JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is unset with NODE_ENV=production: a key would be generated into DATA_DIR, lost with the container and different on every replica (tokens signed by one refused by the others).',
    ],
    [
      'demo-data',
      settings.seedDemoData,
      'SEED_DEMO_DATA=true with NODE_ENV=production: an empty database would get the demo users, all with the published password "rolegate-demo".',
    ],
  ];
  return risks
    .filter(([allowance, risky]) => risky && !allowed.has(allowance))
    .map(([allowance, , message]) => `${message} Set it, or PRODUCTION_ALLOW=${allowance} if you mean it.`);
}

/**
 * Why a secret file cannot be read, with the fix: the usual cause is a file owned by whoever
 * created it, mode 0600, while the server runs as another user (uid 1000 in the image).
 */
export function unreadableSecretMessage(setting: string, path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const uid = process.getuid?.();
  const who = uid === undefined ? 'the server' : `the server (uid ${uid})`;
  if (code === 'EACCES' || code === 'EPERM') {
    return `${setting} cannot be read: ${path} is not readable by ${who}. Make it so: chown ${uid ?? 1000} ${path} && chmod 0400 ${path} (see docs/deployment.md).`;
  }
  if (code === 'ENOENT') return `${setting} cannot be read: there is no file ${path}. Create it, or unset ${setting}.`;
  if (code === 'EISDIR') return `${setting} cannot be read: ${path} is a directory, not a file.`;
  return `${setting} cannot be read: ${path}: ${(error as Error).message}`;
}
