import type { VersionSource } from '../../auth/session-store.js';
import type { EntityManager } from '../../db/database.js';

/**
 * Reads a user's authorization and session versions from the users table: the source of truth the
 * session stores fall back on to tell a stale or ended token from a current one.
 */
export function userVersionSource(forkEntityManager: () => EntityManager): VersionSource {
  return async (userId) => {
    const [row] = await forkEntityManager().execute<{ authz_version: number; session_version: number }[]>(
      'select authz_version, session_version from users where id = ?',
      [userId],
    );
    return row && { authz: row.authz_version, session: row.session_version };
  };
}
