import type { EntityManager } from '../../db/database.js';
import { recordAudit } from '../audit/record-audit.js';
import type { LiveEvent } from '../../subscriptions/live-event.js';

interface ExpiredGrantRow {
  id: string;
  user_id: string;
  permission: string;
  resource_type: string;
  resource_id: string;
  organization_id: string;
  expires_at: Date;
}

/**
 * Writes a `grant.expired` audit entry for every grant that has expired since the last sweep, in
 * the same transaction that marks it noticed. A grant stops working at its expiry regardless:
 * this only records it, and, after commit, tells live subscribers (`publishLive`): the holders'
 * access changed (viewerAccessChanged re-reads it) and each entry is in its organization's log.
 * Returns how many were recorded.
 */
export async function recordExpiredGrants(em: EntityManager, publishLive?: (event: LiveEvent) => void): Promise<number> {
  const recorded = await em.transactional(async (tx) => {
    const rows = await tx.execute<ExpiredGrantRow[]>(
      `update permission_grants set expiry_audited_at = now()
       where id in (select id from permission_grants where expiry_audited_at is null and revoked_at is null and expires_at <= now() limit 1000 for update skip locked)
       returning id, user_id, permission, resource_type, resource_id, organization_id, expires_at`,
    );
    return rows.map((row) => ({
      row,
      entry: recordAudit(tx, {
        organizationId: row.organization_id,
        actorId: null,
        action: 'grant.expired',
        targetUserId: row.user_id,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        before: { grant: row.id, permission: row.permission, expiresAt: new Date(row.expires_at).toISOString() },
        requestId: 'sweep:expired-grants',
      }),
    }));
  });
  if (publishLive && recorded.length > 0) {
    publishLive({ topic: 'access', userIds: [...new Set(recorded.map(({ row }) => row.user_id))] });
    for (const { row, entry } of recorded) publishLive({ topic: 'audit', organizationId: row.organization_id, entryId: entry.id });
  }
  return recorded.length;
}
