import type { UserVersions } from '../auth/session-store.js';
import type { EntityManager } from '../db/database.js';
import { sqlArray } from '../db/sql-array.js';
import type { RequestContext } from './context.js';

const pendingByTransaction = new WeakMap<EntityManager, [string, UserVersions][]>();

/**
 * Runs `work` in one transaction and, once it has committed, publishes the versions it raised to
 * the session store, so every instance honours the change on its next request. Every mutation
 * that changes access goes through here.
 */
export async function transact<T>(context: RequestContext, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const pending: [string, UserVersions][] = [];
  const result = await context.em.transactional(async (tx) => {
    pendingByTransaction.set(tx, pending);
    return work(tx);
  });
  if (pending.length > 0) await context.sessions.publish(pending);
  return result;
}

/**
 * Marks users' access as changed: their authorization version grows in the same transaction as
 * the change, so tokens issued before it are known to carry stale roles.
 */
export async function bumpAuthzVersion(tx: EntityManager, userIds: readonly string[]): Promise<void> {
  await bump(tx, userIds, 'authz_version = authz_version + 1');
}

/** Ends every session of users: tokens issued before stop working (logout everywhere). */
export async function bumpSessionVersion(tx: EntityManager, userIds: readonly string[]): Promise<void> {
  await bump(tx, userIds, 'authz_version = authz_version + 1, session_version = session_version + 1');
}

async function bump(tx: EntityManager, userIds: readonly string[], assignment: string): Promise<void> {
  const pending = pendingByTransaction.get(tx);
  if (!pending) throw new Error('Access changes must run inside transact(), so they are published after commit.');
  if (userIds.length === 0) return;
  const rows = await tx.execute<{ id: string; authz_version: number; session_version: number }[]>(
    `update users set ${assignment} where id = any(?::uuid[]) returning id, authz_version, session_version`,
    [sqlArray(userIds)],
  );
  pending.push(...rows.map((row): [string, UserVersions] => [row.id, { authz: row.authz_version, session: row.session_version }]));
}

/** Everyone holding a role in an organization or on one of its repositories. */
export async function usersWithAccessTo(em: EntityManager, organizationId: string): Promise<string[]> {
  const rows = await em.execute<{ user_id: string }[]>(
    `select distinct user_id from role_assignments
     where (resource_type = 'organization' and resource_id = ?)
        or (resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ?))`,
    [organizationId, organizationId],
  );
  return rows.map((row) => row.user_id);
}
