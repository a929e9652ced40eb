import type { EntityManager } from '../../db/database.js';
import { builtInRoles } from './built-in-roles.js';
import { permissionCatalog } from './policy.js';
import { sqlArray } from '../../db/sql-array.js';

/**
 * Materializes the policy table in the database: every catalog permission and every built-in role
 * with its expanded permissions, so built-in and custom roles resolve through the same tables.
 * Idempotent; runs at every start so the code's table is what the database holds.
 */
export async function syncPolicy(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    const run = (sql: string, params: unknown[]) => tx.execute(sql, params, 'run');
    for (const permission of permissionCatalog.permissions) {
      await run(
        `insert into permissions (id, name, resource_type, description) values (gen_random_uuid(), ?, ?, ?)
         on conflict (name) do update set resource_type = excluded.resource_type, description = excluded.description`,
        [permission.name, permission.resourceType, permission.description],
      );
    }
    for (const role of builtInRoles.values()) {
      await run(
        `insert into roles (id, name, description, resource_type, built_in, organization_id, created_at)
         values (gen_random_uuid(), ?, ?, ?, true, null, now())
         on conflict (name) where organization_id is null do update set description = excluded.description, resource_type = excluded.resource_type`,
        [role.name, role.description, role.resourceType],
      );
      await run(`delete from role_permissions where role_id = (select id from roles where name = ? and organization_id is null)`, [
        role.name,
      ]);
      await run(
        `insert into role_permissions (role_id, permission_id)
         select r.id, p.id from roles r, permissions p
         where r.name = ? and r.organization_id is null and p.name = any(?::text[])`,
        [role.name, sqlArray([...role.permissions])],
      );
    }
  });
}
