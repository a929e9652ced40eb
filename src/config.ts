import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import type { StaleTokenPolicy } from './auth/authenticate.js';
import type { ExternalIdentityProvider } from './auth/external-tokens.js';
import type { SignInThrottleSettings } from './auth/sign-in-throttle.js';
import { valueOrFile } from './auth/key-set.js';
import type { DocumentLimits } from './http/document-limits.js';
import type { QueryLimits } from './http/query-limits.js';
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
  /** How much the server logs (pino levels, or `silent`). */
  readonly logLevel: LogLevel;
  /** How long a SIGTERM waits for in-flight requests and connections before the process exits anyway (code 1). */
  readonly shutdownTimeoutSeconds: number;
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
      throw new ConfigError(`${name}_FILE cannot be read: ${(error as Error).message}`);
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
  const jwksUrl = url('AUTH_JWKS_URL', /^https?:\/\//);
  const externalSettings = [jwksUrl, env.AUTH_ISSUER, env.AUTH_AUDIENCE];
  if (externalSettings.some(Boolean) && !externalSettings.every(Boolean)) {
    throw new ConfigError('AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together: set all three or none.');
  }
  return {
    port: integer('PORT', 4000, 0, 65535),
    dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : resolve(env.DATA_DIR || 'data'),
    databaseUrl: url('DATABASE_URL', /^postgres(ql)?:\/\//),
    signingKey: file('JWT_PRIVATE_KEY'),
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
    seedDemoData: flag('SEED_DEMO_DATA', !production),
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
    logLevel: oneOf<LogLevel>('LOG_LEVEL', 'info', logLevels),
    shutdownTimeoutSeconds: integer('SHUTDOWN_TIMEOUT_SECONDS', 10, 1, 3600),
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
