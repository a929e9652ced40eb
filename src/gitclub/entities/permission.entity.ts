import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A catalog permission, materialized from the policy table so roles can reference it. */
export const PermissionEntity = defineEntity({
  name: 'Permission',
  tableName: 'permissions',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.string().unique(),
    resourceType: p.string(),
    description: p.text(),
  },
});

/** A permission row. */
export type Permission = InferEntity<typeof PermissionEntity>;
