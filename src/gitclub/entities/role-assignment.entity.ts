import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RoleEntity } from './role.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * User x role x resource. A membership is an assignment on an organization; an explicit
 * repository role is one on a repository. One role per user and resource.
 */
export const RoleAssignmentEntity = defineEntity({
  name: 'RoleAssignment',
  tableName: 'role_assignments',
  uniques: [{ properties: ['user', 'resourceType', 'resourceId'] }],
  indexes: [{ properties: ['resourceType', 'resourceId'] }, { properties: ['role'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    user: () => p.manyToOne(UserEntity).deleteRule('cascade'),
    role: () => p.manyToOne(RoleEntity),
    resourceType: p.string(),
    resourceId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A role assignment row. */
export type RoleAssignment = InferEntity<typeof RoleAssignmentEntity>;
