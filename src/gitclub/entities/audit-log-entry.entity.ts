import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { v7 as timeOrderedUuid } from 'uuid';

/**
 * One change to access, written in the same transaction as the change. Append-only: ids are
 * kept as plain values so entries outlive the users and resources they mention. The log reads
 * newest first by (createdAt, id); entries written in the same millisecond (one change and the
 * changes it causes, in one transaction) keep the order they were recorded in because their ids
 * are time-ordered UUIDs (version 7) that only grow within a process.
 */
export const AuditLogEntryEntity = defineEntity({
  name: 'AuditLogEntry',
  tableName: 'audit_log_entries',
  indexes: [{ properties: ['organizationId', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => timeOrderedUuid()),
    organizationId: p.uuid().nullable(),
    actorId: p.uuid().nullable(),
    action: p.string(),
    targetUserId: p.uuid().nullable(),
    resourceType: p.string().nullable(),
    resourceId: p.uuid().nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
    requestId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** An audit log row. */
export type AuditLogEntry = InferEntity<typeof AuditLogEntryEntity>;
