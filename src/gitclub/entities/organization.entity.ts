import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RoleEntity } from './role.entity.js';

/** A tenant. Its members hold exactly one organization role each (a role assignment). */
export const OrganizationEntity = defineEntity({
  name: 'Organization',
  tableName: 'organizations',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    login: p.string().unique(),
    name: p.string(),
    billingEmail: p.string().nullable(),
    /** The repository role members get where they hold no explicit one; null means none. */
    defaultRepositoryRole: () => p.manyToOne(RoleEntity).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** An organization row. */
export type Organization = InferEntity<typeof OrganizationEntity>;
