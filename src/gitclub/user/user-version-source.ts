import type { UserVersions, VersionSource } from '../../auth/session-store.js';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';

/**
 * Reads a user's authorization and session versions from the users table: the source of truth the
 * session stores fall back on to tell a stale or ended token from a current one.
 */
export function userVersionSource(forkEntityManager: () => EntityManager): VersionSource {
  const readMany = usersVersionSource(forkEntityManager);
  return async (userId) => (await readMany([userId])).get(userId);
}

/** Reads several users' versions in one statement (the live server's watch for changes made outside it). */
export function usersVersionSource(
  forkEntityManager: () => EntityManager,
): (userIds: readonly string[]) => Promise<ReadonlyMap<string, UserVersions>> {
  return async (userIds) => {
    const rows = await forkEntityManager().execute<{ id: string; authz_version: number; session_version: number }[]>(
      'select id, authz_version, session_version from users where id = any(?::uuid[])',
      [sqlArray(userIds)],
    );
    return new Map(rows.map((row) => [row.id, { authz: row.authz_version, session: row.session_version }]));
  };
}
