import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, unreadableSecretMessage } from '../../src/config.js';
import { testNodeFlags } from '../helpers/run-process.js';

/**
 * One validated configuration module: every bad value is refused with a message that names the
 * variable and says what it expects, and `npm start` stops on it before opening anything.
 */
describe('a bad value names its variable and what it expects', () => {
  it.each([
    ['PORT', 'http', /^PORT must be a whole number from 0 to 65535; got "http"\.$/],
    ['PORT', '70000', /^PORT must be a whole number/],
    ['DATABASE_URL', 'mysql://localhost/db', /^DATABASE_URL must be a URL matching/],
    ['REDIS_URL', 'localhost:6379', /^REDIS_URL must be a URL matching/],
    ['ACCESS_TOKEN_TTL_SECONDS', '5', /^ACCESS_TOKEN_TTL_SECONDS must be a whole number from 30 to 86400/],
    ['REFRESH_TOKEN_TTL_SECONDS', 'forever', /^REFRESH_TOKEN_TTL_SECONDS must be a whole number/],
    ['TOKEN_CLOCK_SKEW_SECONDS', '-1', /^TOKEN_CLOCK_SKEW_SECONDS must be a whole number/],
    ['VERIFIED_TOKEN_CACHE_SIZE', '1.5', /^VERIFIED_TOKEN_CACHE_SIZE must be a whole number/],
    ['STALE_TOKENS', 'ignore', /^STALE_TOKENS must be one of "reload", "reject"; got "ignore"\.$/],
    ['REDIS_VERSION_TTL_SECONDS', '1', /^REDIS_VERSION_TTL_SECONDS must be a whole number/],
    ['SEED_DEMO_DATA', 'yes', /^SEED_DEMO_DATA must be one of "true", "false"/],
    ['AUTHZ_MODE', 'audit', /^AUTHZ_MODE must be one of "enforce", "shadow", "legacy"/],
    ['AUTHZ_ENFORCED_PERCENT', '101', /^AUTHZ_ENFORCED_PERCENT must be a whole number from 0 to 100/],
    ['AUTHZ_DEBUG', 'on', /^AUTHZ_DEBUG must be one of "true", "false"/],
    ['GRANT_MAX_DAYS', '0', /^GRANT_MAX_DAYS must be a whole number from 1 to 3650/],
    ['QUERY_MAX_DEPTH', '0', /^QUERY_MAX_DEPTH must be a whole number from 1/],
    ['HTTP_BODY_LIMIT', '1gb', /^HTTP_BODY_LIMIT must be a size/],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent"; got "verbose"\.$/],
    ['SHUTDOWN_TIMEOUT_SECONDS', '0', /^SHUTDOWN_TIMEOUT_SECONDS must be a whole number from 1 to 3600/],
    ['GRAPHQL_INTROSPECTION', 'no', /^GRAPHQL_INTROSPECTION must be one of "true", "false"/],
    ['GRAPHQL_SUGGESTIONS', '0', /^GRAPHQL_SUGGESTIONS must be one of "true", "false"/],
    ['GRAPHQL_EXPLORER', 'maybe', /^GRAPHQL_EXPLORER must be one of "true", "false"/],
    ['JWT_PRIVATE_KEY_FILE', '/nonexistent/key.pem', /^JWT_PRIVATE_KEY_FILE cannot be read/],
    ['AUTH_JWKS_URL', 'ftp://idp.example/jwks', /^AUTH_JWKS_URL must be a URL matching/],
    ['AUTH_ISSUER', 'https://idp.example', /^AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together/],
    ['RATE_LIMIT_ENABLED', 'no', /^RATE_LIMIT_ENABLED must be one of "true", "false"/],
    ['RATE_LIMIT_LOGIN_PER_EMAIL', '0', /^RATE_LIMIT_LOGIN_PER_EMAIL must be a whole number from 1 to 1000000/],
    ['RATE_LIMIT_PER_IP', 'lots', /^RATE_LIMIT_PER_IP must be a whole number from 1/],
    ['RATE_LIMIT_WINDOW_SECONDS', '86401', /^RATE_LIMIT_WINDOW_SECONDS must be a whole number from 1 to 86400/],
    ['TRUST_PROXY', 'yes', /^TRUST_PROXY must be "false", "true" or a number of proxies from 0 to 100; got "yes"\.$/],
    ['TRUST_PROXY', '-1', /^TRUST_PROXY must be "false", "true" or a number of proxies/],
    ['DATABASE_POOL_SIZE', '0', /^DATABASE_POOL_SIZE must be a whole number from 1 to 1000/],
    ['DATABASE_POOL_IDLE_SECONDS', '86401', /^DATABASE_POOL_IDLE_SECONDS must be a whole number from 0 to 86400/],
    ['MIGRATE_AT_START', 'no', /^MIGRATE_AT_START must be one of "true", "false"/],
    ['SHUTDOWN_DRAIN_SECONDS', '601', /^SHUTDOWN_DRAIN_SECONDS must be a whole number from 0 to 600/],
    ['HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', '0', /^HTTP_KEEP_ALIVE_TIMEOUT_SECONDS must be a whole number from 1 to 3600/],
    ['GRAPHQL_COMPILED_EXECUTION', 'jit', /^GRAPHQL_COMPILED_EXECUTION must be one of "true", "false"/],
    ['GRAPHQL_COMPILE_AFTER', '-1', /^GRAPHQL_COMPILE_AFTER must be a whole number from 0 to 1000000/],
    ['GRAPHQL_COMPILED_MAX', '0', /^GRAPHQL_COMPILED_MAX must be a whole number from 1 to 1000000/],
    [
      'PRODUCTION_ALLOW',
      'everything',
      /^PRODUCTION_ALLOW lists "embedded-database", "generated-signing-key", "demo-data", comma-separated; got "everything"\.$/,
    ],
    ['DATABASE_MIGRATION_URL', 'postgres://owner@db/rolegate', /^DATABASE_MIGRATION_URL needs DATABASE_URL/],
    ['JWT_PRIVATE_KEY_FILE', '/tmp', /^JWT_PRIVATE_KEY_FILE cannot be read: \/tmp is a directory, not a file\.$/],
  ])('%s=%s', (name, value, message) => {
    const load = () => loadConfig({ [name]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it('takes the defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      staleTokens: 'reload',
      seedDemoData: true,
      authzDebug: false,
      explorer: true,
      logLevel: 'info',
      shutdownTimeoutSeconds: 10,
      shutdownDrainSeconds: 0,
      httpKeepAliveTimeoutSeconds: 65,
      databasePoolSize: 10,
      databasePoolIdleSeconds: 600,
      databasePreparedStatements: true,
      migrateAtStart: true,
      databaseMigrationUrl: undefined,
      productionRefusals: [],
    });
  });
});

describe('what NODE_ENV=production refuses to serve with', () => {
  const key = { JWT_PRIVATE_KEY: 'a key' };
  const database = { DATABASE_URL: 'postgres://app@db/rolegate' };
  // settings -> the start of each refusal, in order
  it.each<[string, Record<string, string>, string[]]>([
    ['a database and a key', { ...database, ...key }, []],
    ['no database', key, ['DATABASE_URL (or DATABASE_URL_FILE) is unset']],
    ['no key', database, ['JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is unset']],
    ['the demo users', { ...database, ...key, SEED_DEMO_DATA: 'true' }, ['SEED_DEMO_DATA=true']],
    ['nothing', {}, ['DATABASE_URL (or DATABASE_URL_FILE) is unset', 'JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is unset']],
    ['nothing, all allowed', { PRODUCTION_ALLOW: 'embedded-database, generated-signing-key,demo-data', SEED_DEMO_DATA: 'true' }, []],
    ['no database, allowed; no key', { PRODUCTION_ALLOW: 'embedded-database' }, ['JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is unset']],
  ])('%s', (_name, env, refusals) => {
    const found = loadConfig({ NODE_ENV: 'production', ...env }).productionRefusals;
    expect(found.map((refusal) => refusals.find((start) => refusal.startsWith(start)) ?? refusal)).toEqual(refusals);
    for (const refusal of found) expect(refusal).toMatch(/Set it, or PRODUCTION_ALLOW=[a-z-]+ if you mean it\.$/);
  });

  it('refuses nothing outside production, whatever is unset', () => {
    expect(loadConfig({ SEED_DEMO_DATA: 'true' }).productionRefusals).toEqual([]);
  });

  it('drains for 5 s before a stop by default', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...database, ...key }).shutdownDrainSeconds).toBe(5);
  });
});

describe('a secret file the server cannot read', () => {
  it.each<[{ code: string; message?: string }, RegExp]>([
    [
      { code: 'EACCES' },
      /^JWT_PRIVATE_KEY_FILE cannot be read: \/run\/secrets\/key is not readable by the server \(uid \d+\)\. Make it so: chown \d+ \/run\/secrets\/key && chmod 0400 \/run\/secrets\/key/,
    ],
    [
      { code: 'ENOENT' },
      /^JWT_PRIVATE_KEY_FILE cannot be read: there is no file \/run\/secrets\/key\. Create it, or unset JWT_PRIVATE_KEY_FILE\.$/,
    ],
    [{ code: 'EIO', message: 'i/o error' }, /^JWT_PRIVATE_KEY_FILE cannot be read: \/run\/secrets\/key: i\/o error$/],
  ])('%j: names the file and the fix', (error, message) => {
    expect(
      unreadableSecretMessage('JWT_PRIVATE_KEY_FILE', '/run/secrets/key', Object.assign(new Error(error.message ?? 'x'), error)),
    ).toMatch(message);
  });
});

describe('production mode', () => {
  it.each([
    [{ NODE_ENV: 'production' }, { seedDemoData: false, authzDebug: false, introspection: false, suggestions: false, explorer: false }],
    [{ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' }, { seedDemoData: true }],
    [{ NODE_ENV: 'development' }, { seedDemoData: true, introspection: true, explorer: true }],
    [{ AUTHZ_DEBUG: 'true' }, { authzDebug: true }],
    [{ GRANT_MAX_DAYS: '30' }, { grantMaxDays: 30 }],
    [{}, { rateLimit: { enabled: true, loginFailuresPerEmail: 10, attemptsPerIp: 100, windowSeconds: 900 }, trustProxy: false }],
    [
      { RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_PER_IP: '500', TRUST_PROXY: '2' },
      { rateLimit: { enabled: false, attemptsPerIp: 500 }, trustProxy: 2 },
    ],
    [{ TRUST_PROXY: 'true' }, { trustProxy: true }],
    [{ TRUST_PROXY: '0' }, { trustProxy: false }],
  ])('%o gives %o', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each<[string, Record<string, string>, RegExp | { metrics: boolean; metricsToken: string | undefined }]>([
    [
      'production, metrics on, an empty token file',
      { NODE_ENV: 'production', METRICS: 'true', METRICS_TOKEN_FILE: '$EMPTY' },
      /^METRICS_TOKEN_FILE \(.*\) is empty/,
    ],
    [
      'production, metrics on, no token',
      { NODE_ENV: 'production', METRICS: 'true' },
      /^METRICS=true with NODE_ENV=production needs METRICS_TOKEN/,
    ],
    ['development, an empty token', { METRICS_TOKEN: ' ' }, /^METRICS_TOKEN is empty: \/metrics would be open to anyone/],
    [
      'production, metrics on, a token',
      { NODE_ENV: 'production', METRICS: 'true', METRICS_TOKEN: 's3cret' },
      { metrics: true, metricsToken: 's3cret' },
    ],
    ['production, metrics off, no token', { NODE_ENV: 'production' }, { metrics: false, metricsToken: undefined }],
    ['development, metrics on, no token (local use)', {}, { metrics: true, metricsToken: undefined }],
  ])('/metrics is never open by accident: %s', (_case, env, expected) => {
    const folder = mkdtempSync(join(tmpdir(), 'rolegate-metrics-token-'));
    const empty = join(folder, 'metrics_token');
    writeFileSync(empty, '\n');
    const resolved = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value === '$EMPTY' ? empty : value]));
    try {
      if (expected instanceof RegExp) {
        expect(() => loadConfig(resolved)).toThrow(expected);
        expect(() => loadConfig(resolved)).toThrow(ConfigError);
      } else expect(loadConfig(resolved)).toMatchObject(expected);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses AUTHZ_DEBUG=true: it would show any client the viewer's roles", () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTHZ_DEBUG: 'true' })).toThrow(
      /^AUTHZ_DEBUG must not be "true" with NODE_ENV=production/,
    );
  });

  it('verifies external tokens with the same clock tolerance as its own', () => {
    const external = { AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'rolegate' };
    expect(loadConfig({ ...external, TOKEN_CLOCK_SKEW_SECONDS: '5' }).externalIdentityProvider?.clockSkewSeconds).toBe(5);
  });
});

describe('npm start with a bad value', () => {
  it('stops with exit code 1 and one line naming the variable, before opening the database', () => {
    const started = spawnSync(process.execPath, [...testNodeFlags, '--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, PORT: 'http', DATA_DIR: '/nonexistent/rolegate-config-test' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr.trim()).toBe('Configuration error: PORT must be a whole number from 0 to 65535; got "http".');
  });
});
