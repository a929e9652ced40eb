import { Migration } from '@mikro-orm/migrations';

/**
 * `access_version` (Migration20261207100000) is raised only by changes that can change a decision,
 * not by every statement on the tables it watches. The start-up policy sync rewrites every built-in
 * role's permissions and upserts every permission and built-in role at each start: each of those
 * statements raised every organization's version, some forty updates of every organization row per
 * start (and per instance), for changes that change nothing.
 *
 * - Role permissions count for custom roles only: a built-in role's permissions come from the
 *   policy in the code (the role facts read null for them), and change with a release.
 * - A role counts when its name, kind or organization changes, or it is deleted; a new role is held
 *   by nobody yet (assigning it, or making it a default role, raises the version then).
 * - A permission counts when its name changes or it is deleted, not its description.
 */
export class Migration20261207120000 extends Migration {
  override name = 'Migration20261207120000';

  override up(): void | Promise<void> {
    const raiseCustomRolesOrganizations = (roleIds: string) =>
      `update organizations set access_version = access_version + 1
        where id in (select ro.organization_id from roles ro where ro.id in (${roleIds}))`;
    this.addSql(
      `create or replace function "access_version_role_permissions"() returns trigger language plpgsql as $$ begin
         if tg_op <> 'DELETE' then
           ${raiseCustomRolesOrganizations('select role_id from new_rows')};
         end if;
         if tg_op <> 'INSERT' then
           ${raiseCustomRolesOrganizations('select role_id from old_rows')};
         end if;
         return null;
       end; $$;`,
    );

    this.addSql(
      `create or replace function "access_version_roles"() returns trigger language plpgsql as $$ begin
         if tg_op = 'UPDATE' then
           update organizations set access_version = access_version + 1
            where exists (select 1 from old_rows o join new_rows n on n.id = o.id
                          where (o.name, o.built_in, o.organization_id) is distinct from (n.name, n.built_in, n.organization_id)
                            and (o.organization_id is null or n.organization_id is null or organizations.id in (o.organization_id, n.organization_id)));
         elsif tg_op = 'DELETE' then
           update organizations set access_version = access_version + 1
            where exists (select 1 from old_rows o where o.organization_id is null or o.organization_id = organizations.id);
         end if;
         return null;
       end; $$;`,
    );

    this.addSql(`drop trigger "permissions_access_version" on "permissions";`);
    this.addSql(
      `create or replace function "access_version_permissions"() returns trigger language plpgsql as $$ begin
         if tg_op = 'DELETE' then
           update organizations set access_version = access_version + 1;
         elsif exists (select 1 from old_rows o join new_rows n on n.id = o.id where o.name is distinct from n.name) then
           update organizations set access_version = access_version + 1;
         end if;
         return null;
       end; $$;`,
    );
    this.addSql(
      `create trigger "permissions_access_version_update" after update on "permissions" referencing old table as old_rows new table as new_rows for each statement execute function "access_version_permissions"();`,
    );
    this.addSql(
      `create trigger "permissions_access_version_delete" after delete on "permissions" referencing old table as old_rows for each statement execute function "access_version_permissions"();`,
    );
  }
}
