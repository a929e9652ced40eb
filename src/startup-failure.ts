import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { PendingMigrationsError } from './db/database.js';

/** Codes of a connection that could not be made, as Node and `pg` report them. */
const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** PostgreSQL's codes for a refused login and a database that does not exist. */
const refusedLogin = new Set(['28P01', '28000']);
const missingDatabase = '3D000';

/** Every `code` along an error's `cause` chain (MikroORM wraps the driver's error). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 10; depth++) {
    if (typeof current.code === 'string') codes.push(current.code);
    current = current.cause as typeof current;
  }
  return codes;
}

/** A database URL without its password, to name it in a message. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL (unparsable)';
  }
}

/**
 * The one line `npm start` prints when the server cannot start, naming the setting to look at:
 * a bad setting, a port in use, a database it cannot reach or log in to, a data directory another
 * process holds, migrations pending while MIGRATE_AT_START=false. Undefined for anything else (a bug: the caller prints it whole).
 */
export function startupFailureLine(error: unknown, config: Config | undefined): string | undefined {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof DataDirLockedError || error instanceof PendingMigrationsError) return error.message;
  const codes = codesOf(error);
  if (codes.includes('EADDRINUSE'))
    return `PORT ${config?.port ?? ''} is already in use: stop what listens there, or set PORT to a free port.`;
  if (codes.includes('EACCES') && !config?.databaseUrl)
    return `PORT ${config?.port ?? ''} needs privileges this process lacks: set PORT to 1024 or above.`;
  if (config?.databaseUrl) {
    const where = withoutPassword(config.databaseUrl);
    if (codes.some((code) => unreachable.has(code)))
      return `Cannot reach the database at DATABASE_URL (${where}): ${codes.find((code) => unreachable.has(code))}. Is PostgreSQL running there?`;
    if (codes.some((code) => refusedLogin.has(code)))
      return `The database at DATABASE_URL (${where}) refused the login: check the user and password.`;
    if (codes.includes(missingDatabase)) return `The database named in DATABASE_URL (${where}) does not exist: create it first.`;
  }
  return undefined;
}
