import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One change to access, written in the same transaction as the change. Append-only: ids are
 * kept as plain values so entries outlive the users and resources they mention.
 */
export const AuditLogEntryEntity = defineEntity({
  name: 'AuditLogEntry',
  tableName: 'audit_log_entries',
  indexes: [{ properties: ['organizationId', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
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
