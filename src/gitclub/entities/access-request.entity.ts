import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/**
 * A user asking for one permission on one resource, with a reason, until someone who manages
 * members there approves it (creating a direct grant) or denies it. At most one pending request
 * per user, permission and resource (a partial unique index); it goes with its requester.
 */
export const AccessRequestEntity = defineEntity({
  name: 'AccessRequest',
  tableName: 'access_requests',
  indexes: [{ properties: ['organizationId', 'status', 'createdAt'] }, { properties: ['requester', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    requester: () => p.manyToOne(UserEntity).deleteRule('cascade'),
    permission: p.string(),
    resourceType: p.string(),
    resourceId: p.uuid(),
    /** The resource's name when it was requested, as the requester saw it. */
    resourceName: p.text(),
    organizationId: p.uuid(),
    reason: p.text(),
    /** `pending`, `approved` or `denied`. */
    status: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    decidedBy: () => p.manyToOne(UserEntity).nullable().deleteRule('set null'),
    decidedAt: p.datetime().nullable(),
    decisionReason: p.text().nullable(),
    /** The grant an approval created. */
    grantId: p.uuid().nullable(),
  },
});

/** An access request row. */
export type AccessRequest = InferEntity<typeof AccessRequestEntity>;
