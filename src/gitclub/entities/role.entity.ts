import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OrganizationEntity } from './organization.entity.js';
import { PermissionEntity } from './permission.entity.js';

/**
 * A role: built-in (no organization) or custom (defined by one organization, assignable there
 * only). Its permissions live in `role_permissions`, so both kinds resolve the same way.
 */
export const RoleEntity = defineEntity({
  name: 'Role',
  tableName: 'roles',
  uniques: [{ properties: ['organization', 'name'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.string(),
    description: p.text().nullable(),
    resourceType: p.string(),
    builtIn: p.boolean().default(false),
    organization: () => p.manyToOne(OrganizationEntity).nullable().deleteRule('cascade'),
    permissions: () => p.manyToMany(PermissionEntity).pivotTable('role_permissions').fixedOrder(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A role row. */
export type Role = InferEntity<typeof RoleEntity>;
