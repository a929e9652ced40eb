import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OrganizationEntity } from './organization.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * An access review (recertification): a snapshot of every item of access in an organization when it
 * started, each item kept or revoked by a reviewer until `dueAt`, when the undecided ones follow
 * `whenUndecided` and the review closes. It goes with its organization.
 */
export const AccessReviewEntity = defineEntity({
  name: 'AccessReview',
  tableName: 'access_reviews',
  indexes: [{ properties: ['organization', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organization: () => p.manyToOne(OrganizationEntity).deleteRule('cascade'),
    /** Who started it; null once that user is gone. */
    startedBy: () => p.manyToOne(UserEntity).nullable().deleteRule('set null'),
    /** When it started: the moment of its snapshot. */
    createdAt: p.datetime().onCreate(() => new Date()),
    dueAt: p.datetime(),
    /** `keep` or `revoke`: what undecided items become at `dueAt`. */
    whenUndecided: p.string(),
    /** When the due-date sweep closed it (no decision is taken after `dueAt` anyway). */
    closedAt: p.datetime().nullable(),
  },
});

/** An access review row. */
export type AccessReview = InferEntity<typeof AccessReviewEntity>;
