import type { UnitOfWork } from '../access-changes.js';
import { PermissionGrantEntity, type PermissionGrant } from '../entities/permission-grant.entity.js';
import type { TenantPermission } from '../grant/tenant-permission.js';

/** What a new grant gives, to whom, why and until when. */
export interface NewGrant extends TenantPermission {
  /** Its id when the caller needs it before the grant is written (an access request records it). */
  readonly id?: string;
  readonly userId: string;
  readonly reason: string;
  readonly expiresAt: Date;
  readonly grantedBy: string;
  /** The access request an approval grants, named in the audit entry. */
  readonly accessRequestId?: string;
}

/**
 * Writes a direct grant in a unit of work, with its `grant.created` audit entry, and marks the
 * grantee's access as changed. The caller has checked the grant rules first (manage_members, the
 * permission held, not one's own, the expiry): `grantPermission` and `approveAccessRequest`.
 */
export async function createGrant({ tx, audit, changed }: UnitOfWork, grant: NewGrant): Promise<PermissionGrant> {
  const created = tx.create(PermissionGrantEntity, {
    ...(grant.id ? { id: grant.id } : {}),
    user: grant.userId,
    permission: grant.permission,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
    organizationId: grant.organizationId,
    reason: grant.reason,
    expiresAt: grant.expiresAt,
    grantedBy: grant.grantedBy,
    revokedAt: null,
    revokedBy: null,
  });
  audit({
    organizationId: grant.organizationId,
    action: 'grant.created',
    targetUserId: grant.userId,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
    after: {
      grant: created.id,
      permission: grant.permission,
      reason: grant.reason,
      expiresAt: grant.expiresAt.toISOString(),
      ...(grant.accessRequestId ? { accessRequest: grant.accessRequestId } : {}),
    },
  });
  await changed([grant.userId]);
  return created;
}

/** Revokes one active grant in the unit of work, audited; false when it was revoked or had expired already. */
export async function revokeGrantRow(
  { tx, actorId, audit, changed }: UnitOfWork,
  grant: { readonly id: string; readonly userId: string; readonly organizationId: string },
): Promise<boolean> {
  const [row] = await tx.execute<{ permission: string; resource_type: string; resource_id: string }[]>(
    `update permission_grants set revoked_at = now(), revoked_by_id = ? where id = ? and revoked_at is null
     returning permission, resource_type, resource_id`,
    [actorId, grant.id],
  );
  if (!row) return false;
  audit({
    organizationId: grant.organizationId,
    action: 'grant.revoked',
    targetUserId: grant.userId,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: { grant: grant.id, permission: row.permission },
  });
  await changed([grant.userId]);
  return true;
}
