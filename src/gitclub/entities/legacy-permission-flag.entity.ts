import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/** A legacy per-user permission flag (`can_edit_post`, `is_admin`, ...), global or scoped to an organization or repository. */
export const LegacyPermissionFlagEntity = defineEntity({
  name: 'LegacyPermissionFlag',
  tableName: 'legacy_permission_flags',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    user: () => p.manyToOne(UserEntity).deleteRule('cascade'),
    flag: p.string(),
    scopeType: p.string().nullable(),
    scopeId: p.uuid().nullable(),
  },
});

/** A legacy flag row. */
export type LegacyPermissionFlag = InferEntity<typeof LegacyPermissionFlagEntity>;
