import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One disagreement between the legacy decision and the new one, recorded in shadow mode. */
export const AuthzDisagreementEntity = defineEntity({
  name: 'AuthzDisagreement',
  tableName: 'authz_disagreements',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    userId: p.uuid(),
    operationName: p.string().nullable(),
    coordinate: p.string(),
    permission: p.string(),
    resourceType: p.string(),
    resourceId: p.uuid(),
    legacyAllowed: p.boolean(),
    newAllowed: p.boolean(),
    explanation: p.json<Record<string, unknown>>().nullable(),
    requestId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A disagreement row. */
export type AuthzDisagreement = InferEntity<typeof AuthzDisagreementEntity>;
