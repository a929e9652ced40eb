import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AccessReviewEntity } from './access-review.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * One item of an access review: one person and one thing they held when the review started (a
 * membership, an explicit repository role, custom or built in, or a direct grant), named exactly (the
 * assignment and its role, or the grant) so that a REVOKE removes that and nothing else, with the
 * names people knew it by. Then its decision: by whom, when, with which note, and what it removed.
 */
export const AccessReviewItemEntity = defineEntity({
  name: 'AccessReviewItem',
  tableName: 'access_review_items',
  uniques: [{ properties: ['review', 'position'] }],
  indexes: [{ properties: ['review', 'decision'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    review: () => p.manyToOne(AccessReviewEntity).deleteRule('cascade'),
    /** Its review's organization, so that a lookup by item id knows whose it is in one read. */
    organizationId: p.uuid(),
    /** Its place in the review: by login, then the organization before repositories and grants, then by name. */
    position: p.integer(),
    user: () => p.manyToOne(UserEntity).deleteRule('cascade'),
    /** `membership`, `repository_role` or `grant`. */
    kind: p.string(),
    /** The role assignment held (a membership or a repository role), and its role then. */
    assignmentId: p.uuid().nullable(),
    roleId: p.uuid().nullable(),
    roleName: p.string().nullable(),
    customRole: p.boolean(),
    /** The grant held, and its permission and expiry then. */
    grantId: p.uuid().nullable(),
    permission: p.string().nullable(),
    expiresAt: p.datetime().nullable(),
    resourceType: p.string(),
    resourceId: p.uuid(),
    /** As people knew it when the review started: `beatles`, `beatles/infra`, `beatles/infra#3`. */
    resourceName: p.text(),
    /** `keep` or `revoke`; null while undecided. Final once taken. */
    decision: p.string().nullable(),
    /** The reviewer; null for a decision the due date took (or once the reviewer is gone). */
    decidedBy: () => p.manyToOne(UserEntity).nullable().deleteRule('set null'),
    decidedAt: p.datetime().nullable(),
    /** Who took the decision, kept as a login: the evidence outlives the account. `system` for the due date. */
    decidedByName: p.string().nullable(),
    note: p.text().nullable(),
    /** For a REVOKE: true when it removed what the item names, false when that was gone already. */
    removed: p.boolean().nullable(),
  },
});

/** An access review item row. */
export type AccessReviewItem = InferEntity<typeof AccessReviewItemEntity>;
