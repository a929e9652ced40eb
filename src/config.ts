import { resolve } from 'node:path';

/** Every setting of the server, validated once at start. */
export interface Config {
  readonly port: number;
  /** Embedded database and generated keys live here (git-ignored). */
  readonly dataDir: string;
  /** PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  /** Ed25519 private key for access tokens, as a JWK or PKCS#8 PEM; generated into `dataDir` when absent. */
  readonly signingKey: string | undefined;
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  readonly accessTokenTtlSeconds: number;
  /** Seed the demo data when the database has none. */
  readonly seedDemoData: boolean;
}

/** A setting that cannot be used, named with what it expects. */
export class ConfigError extends Error {}

/** Reads configuration from environment variables, refusing bad values with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
    return value;
  };
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  const seed = env.SEED_DEMO_DATA ?? 'true';
  if (!['true', 'false'].includes(seed)) throw new ConfigError(`SEED_DEMO_DATA must be "true" or "false"; got "${seed}".`);
  return {
    port: integer('PORT', 4000, 0, 65535),
    dataDir: resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    signingKey: env.JWT_PRIVATE_KEY || undefined,
    tokenIssuer: env.JWT_ISSUER || 'rolegate',
    tokenAudience: env.JWT_AUDIENCE || 'rolegate-api',
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 600, 30, 86_400),
    seedDemoData: seed === 'true',
  };
}
