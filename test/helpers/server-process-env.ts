import { randomUUID } from 'node:crypto';

/**
 * The environment of a server a test starts as its own process (`src/main.ts`): this process's,
 * without NODE_ENV=test (vitest's: the server then runs as in production, Apollo Server's signal
 * handlers off), on port 0, its own data folder and database, Redis keys of its own, demo data.
 */
export function serverProcessEnv(dataDir: string, databaseUrl: string | undefined, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  return {
    ...inherited,
    PORT: '0',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    REDIS_KEY_PREFIX: `rolegate-test:${randomUUID()}:`,
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'info',
    ...env,
  };
}
