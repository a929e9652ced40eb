import { Migration } from '@mikro-orm/migrations';

/**
 * Each organization counts the changes to what its people may do in it (`access_version`): every
 * change to a role assignment on the organization or one of its repositories, to a role or a
 * role's permissions, to a permission's name, or to the organization's default repository role
 * raises it, in the change's own transaction, by trigger. A write that decided from access it read
 * before (the repository write guard's cache) proves in its own statement that nothing changed
 * since, by comparing this one number, instead of reading the role facts again.
 *
 * Triggers, not the application, raise it: every path that changes those rows (mutations,
 * commands, the legacy migration, an operator's SQL, a cascade from a deleted user) is covered
 * alike. Statement-level triggers over transition tables: a bulk change raises each organization
 * it touches once per statement, not once per row. A built-in role or a permission, shared by
 * every organization, raises them all (they change only with a release).
 */
export class Migration20261207100000 extends Migration {
  override name = 'Migration20261207100000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "organizations" add column "access_version" bigint not null default 0;`);

    // The organizations of repository and organization assignments in `rows` (a transition table's name).
    const organizationsOf = (rows: string) =>
      `select a.resource_id from ${rows} a where a.resource_type = 'organization'
       union select r.organization_id from ${rows} a join repositories r on r.id = a.resource_id where a.resource_type = 'repository'`;
    this.addSql(
      `create function "access_version_role_assignments"() returns trigger language plpgsql as $$ begin
         if tg_op <> 'DELETE' then
           update organizations set access_version = access_version + 1 where id in (${organizationsOf('new_rows')});
         end if;
         if tg_op <> 'INSERT' then
           update organizations set access_version = access_version + 1 where id in (${organizationsOf('old_rows')});
         end if;
         return null;
       end; $$;`,
    );

    // A custom role's organization; every organization for a built-in role (organization_id null).
    const organizationsOfRoles = (roleIds: string) =>
      `update organizations set access_version = access_version + 1
        where exists (select 1 from roles ro where ro.id in (${roleIds}) and (ro.organization_id is null or ro.organization_id = organizations.id))`;
    this.addSql(
      `create function "access_version_roles"() returns trigger language plpgsql as $$ begin
         if tg_op <> 'DELETE' then
           update organizations set access_version = access_version + 1
            where exists (select 1 from new_rows ro where ro.organization_id is null or ro.organization_id = organizations.id);
         end if;
         if tg_op <> 'INSERT' then
           update organizations set access_version = access_version + 1
            where exists (select 1 from old_rows ro where ro.organization_id is null or ro.organization_id = organizations.id);
         end if;
         return null;
       end; $$;`,
    );
    this.addSql(
      `create function "access_version_role_permissions"() returns trigger language plpgsql as $$ begin
         if tg_op <> 'DELETE' then
           ${organizationsOfRoles('select role_id from new_rows')};
         end if;
         if tg_op <> 'INSERT' then
           ${organizationsOfRoles('select role_id from old_rows')};
         end if;
         return null;
       end; $$;`,
    );
    this.addSql(
      `create function "access_version_permissions"() returns trigger language plpgsql as $$ begin
         update organizations set access_version = access_version + 1;
         return null;
       end; $$;`,
    );
    this.addSql(
      `create function "access_version_default_role"() returns trigger language plpgsql as $$ begin
         new.access_version := old.access_version + 1;
         return new;
       end; $$;`,
    );

    // Transition tables take one event per trigger: three triggers on each table.
    for (const table of ['role_assignments', 'roles', 'role_permissions']) {
      this.addSql(
        `create trigger "${table}_access_version_insert" after insert on "${table}" referencing new table as new_rows for each statement execute function "access_version_${table}"();`,
      );
      this.addSql(
        `create trigger "${table}_access_version_update" after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function "access_version_${table}"();`,
      );
      this.addSql(
        `create trigger "${table}_access_version_delete" after delete on "${table}" referencing old table as old_rows for each statement execute function "access_version_${table}"();`,
      );
    }
    this.addSql(
      `create trigger "permissions_access_version" after update or delete on "permissions" for each statement execute function "access_version_permissions"();`,
    );
    this.addSql(
      `create trigger "organizations_access_version" before update of "default_repository_role_id" on "organizations" for each row
       when (old.default_repository_role_id is distinct from new.default_repository_role_id) execute function "access_version_default_role"();`,
    );
  }
}
