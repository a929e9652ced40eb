import type { EntityManager } from '../../db/database.js';
import { AuditLogEntryEntity } from '../entities/audit-log-entry.entity.js';

/** Every action the audit log records (docs/operators.md, "Audit log"): a typo or a new action fails the typecheck here first. */
export const auditActions = [
  'membership.added',
  'membership.changed',
  'membership.removed',
  'repository_role.assigned',
  'repository_role.removed',
  'custom_role.created',
  'custom_role.updated',
  'custom_role.deleted',
  'organization.default_repository_role_changed',
  'grant.created',
  'grant.revoked',
  'grant.expired',
  'access_request.created',
  'access_request.approved',
  'access_request.denied',
  'user.suspended',
  'user.reactivated',
  'platform_role.changed',
  'refresh_token.reuse_detected',
  'session.logout_everywhere',
  'support.read',
  'repository.deleted',
  'organization.deleted',
  'member.offboarded',
  'access_review.started',
  'access_review.item_decided',
  'access_review.closed',
  'pdp_client.created',
  'pdp_client.revoked',
] as const;

/** One action of `auditActions`. */
export type AuditAction = (typeof auditActions)[number];

/** What one audit entry says. */
export interface AuditEvent {
  readonly organizationId: string | null;
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly targetUserId?: string | null;
  readonly resourceType?: string | null;
  readonly resourceId?: string | null;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly requestId?: string | null;
}

/**
 * Adds an audit entry to the unit of work of `em`. Call it inside the transaction that makes the
 * change: the entry and the change commit together or not at all. Returns the entry, whose id is
 * set once it is flushed (live subscribers are told of it after commit).
 */
export function recordAudit(em: EntityManager, event: AuditEvent): { readonly id: string } {
  return em.create(AuditLogEntryEntity, {
    organizationId: event.organizationId,
    actorId: event.actorId,
    action: event.action,
    targetUserId: event.targetUserId ?? null,
    resourceType: event.resourceType ?? null,
    resourceId: event.resourceId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: event.requestId ?? null,
  });
}
