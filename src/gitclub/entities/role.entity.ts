import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PermissionEntity } from './permission.entity.js';

/**
 * A role: built-in (no organization) or custom (defined by one organization, assignable there
 * only). Its permissions live in `role_permissions`, so both kinds resolve the same way.
 */
export const RoleEntity = defineEntity({
  name: 'Role',
  tableName: 'roles',
  uniques: [{ properties: ['organizationId', 'name'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.string(),
    description: p.text().nullable(),
    resourceType: p.string(),
    builtIn: p.boolean().default(false),
    /**
     * The organization of a custom role; null for a built-in one. A plain column (its foreign key,
     * which deletes the role with the organization, is in the migrations): organizations refer to
     * roles, and the two entity files would otherwise import each other.
     */
    organizationId: p.uuid().nullable().fieldName('organization_id'),
    permissions: () => p.manyToMany(PermissionEntity).pivotTable('role_permissions').fixedOrder(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** A role row. */
export type Role = InferEntity<typeof RoleEntity>;
