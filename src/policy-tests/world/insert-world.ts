import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '../../db/database.js';
import { isBuiltInRoleName } from '../../gitclub/policy/built-in-roles.js';
import type { ResourceType } from '../../gitclub/policy/policy.js';
import type { WorldSpec } from '../format/policy-test-format.js';
import { idKeyOf, worldRows } from './world-rows.js';

/** A world in the database: the id of each named resource, and the name of each id (to show answers by name). */
export interface WorldIds {
  idOf(type: ResourceType, name: string): string;
  /** The id of whatever resource has this name (a `$id` reference). */
  idNamed(name: string): string;
  nameOf(id: string): string | undefined;
}

/** Each table's insert: one statement over all its rows (`json_to_recordset`), roles found by name. */
const statements = {
  users: `insert into users (id, login, name, email, password_hash, authz_version, session_version, suspended_at, created_at)
    select id, login, login, email, '!', 1, session_version, case when suspended then now() end, now()
    from json_to_recordset(?::json) as x(id uuid, login text, email text, session_version int, suspended boolean)`,
  organizations: `insert into organizations (id, login, name, billing_email, default_repository_role_id, created_at)
    select x.id, x.login, x.name, x.billing_email, r.id, now()
    from json_to_recordset(?::json) as x(id uuid, login text, name text, billing_email text, default_role text)
    left join roles r on r.name = x.default_role and r.built_in`,
  customRoles: `insert into roles (id, name, description, resource_type, built_in, organization_id, created_at)
    select id, name, description, resource_type, false, organization_id, now()
    from json_to_recordset(?::json) as x(id uuid, name text, description text, resource_type text, organization_id uuid)`,
  rolePermissions: `insert into role_permissions (role_id, permission_id)
    select x.role_id, p.id from json_to_recordset(?::json) as x(role_id uuid, permission text) join permissions p on p.name = x.permission`,
  // Custom default roles, once the organizations' roles exist (organizations and roles refer to each other).
  customDefaults: `update organizations o set default_repository_role_id = r.id
    from json_to_recordset(?::json) as x(id uuid, login text, name text, billing_email text, default_role text)
    join roles r on r.organization_id = x.id and r.name = x.default_role where o.id = x.id`,
  repositories: `insert into repositories (id, organization_id, name, description, readme, created_at)
    select id, organization_id, name, description, readme, now()
    from json_to_recordset(?::json) as x(id uuid, organization_id uuid, name text, description text, readme text)`,
  assignments: `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
    select gen_random_uuid(), x.user_id, r.id, x.resource_type, x.resource_id, now()
    from json_to_recordset(?::json) as x(user_id uuid, role text, organization_id uuid, resource_type text, resource_id uuid)
    join roles r on r.name = x.role and (r.built_in or r.organization_id = x.organization_id)`,
  issues: `insert into issues (id, repository_id, number, title, body, state, author_id, created_at)
    select id, repository_id, number, title, body, state, author_id, now()
    from json_to_recordset(?::json) as x(id uuid, repository_id uuid, number int, title text, body text, state text, author_id uuid)`,
  grants: `insert into permission_grants (id, user_id, permission, resource_type, resource_id, organization_id, reason, expires_at, created_at, revoked_at)
    select id, user_id, permission, resource_type, resource_id, organization_id, reason,
      now() + expires_in_seconds * interval '1 second', now(), case when revoked then now() end
    from json_to_recordset(?::json) as x(id uuid, user_id uuid, permission text, resource_type text, resource_id uuid,
      organization_id uuid, reason text, expires_in_seconds int, revoked boolean)`,
} as const;

/**
 * Inserts a world into a migrated database whose policy is synced (the built-in roles are there), in
 * one transaction of one statement per table. The world was checked first: every name resolves, so
 * a row the statements drop is a fault of the runner, refused here rather than tested against.
 */
export async function insertWorld(em: EntityManager, world: WorldSpec): Promise<WorldIds> {
  const rows = worldRows(world);
  await em.transactional(async (tx) => {
    const run = async (name: keyof typeof statements, table: readonly Record<string, unknown>[]) => {
      if (table.length === 0) return;
      const result = await tx.execute<QueryResult>(statements[name], [JSON.stringify(table)], 'run');
      if (result.affectedRows !== table.length)
        throw new Error(`Inserting the world's ${name} wrote ${result.affectedRows} of ${table.length} rows.`);
    };
    await run('users', rows.users);
    await run('organizations', rows.organizations);
    await run('customRoles', rows.customRoles);
    await run('rolePermissions', rows.rolePermissions);
    await run(
      'customDefaults',
      rows.organizations.filter(
        (organization) => typeof organization.default_role === 'string' && !isBuiltInRoleName(organization.default_role),
      ),
    );
    await run('repositories', rows.repositories);
    await run('assignments', rows.assignments);
    await run('issues', rows.issues);
    await run('grants', rows.grants);
  });
  const names = new Map([...rows.ids].map(([key, id]) => [id, key.slice(key.indexOf(':') + 1)]));
  const idNamed = (name: string) => {
    const id = [...rows.ids].find(([key]) => key.slice(key.indexOf(':') + 1) === name)?.[1];
    if (!id) throw new Error(`No resource of the world is named "${name}".`);
    return id;
  };
  return {
    idOf: (type, name) => {
      const id = rows.ids.get(idKeyOf(type, name));
      if (!id) throw new Error(`No ${type} of the world is named "${name}".`);
      return id;
    },
    idNamed,
    nameOf: (id) => names.get(id),
  };
}
