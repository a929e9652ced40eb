import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/**
 * An exception: one permission on one resource for one user, without a role, with a reason and
 * an expiry. It stops working the moment it expires (checked in SQL on every lookup).
 */
export const PermissionGrantEntity = defineEntity({
  name: 'PermissionGrant',
  tableName: 'permission_grants',
  indexes: [{ properties: ['user', 'resourceType', 'resourceId'] }, { properties: ['organizationId'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    user: () => p.manyToOne(UserEntity).deleteRule('cascade'),
    permission: p.string(),
    resourceType: p.string(),
    resourceId: p.uuid(),
    organizationId: p.uuid(),
    reason: p.text(),
    expiresAt: p.datetime(),
    grantedBy: () => p.manyToOne(UserEntity).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
    revokedBy: () => p.manyToOne(UserEntity).nullable().deleteRule('set null'),
    /** When the expiry was written to the audit log (expired grants are noticed by a sweep). */
    expiryAuditedAt: p.datetime().nullable(),
  },
});

/** A grant row. */
export type PermissionGrant = InferEntity<typeof PermissionGrantEntity>;
