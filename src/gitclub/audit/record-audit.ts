import type { EntityManager } from '../../db/database.js';
import { AuditLogEntryEntity } from '../entities/audit-log-entry.entity.js';

/** What one audit entry says. */
export interface AuditEvent {
  readonly organizationId: string | null;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetUserId?: string | null;
  readonly resourceType?: string | null;
  readonly resourceId?: string | null;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly requestId?: string | null;
}

/**
 * Adds an audit entry to the unit of work of `em`. Call it inside the transaction that makes the
 * change: the entry and the change commit together or not at all.
 */
export function recordAudit(em: EntityManager, event: AuditEvent): void {
  em.create(AuditLogEntryEntity, {
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
