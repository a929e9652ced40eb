import { Migration } from '@mikro-orm/migrations';

/** The initial schema: users, organizations, repositories, issues, roles, permissions, assignments, audit log. */
export class Migration20261122022532 extends Migration {
  override name = 'Migration20261122022532';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_log_entries" ("id" uuid not null, "organization_id" uuid null, "actor_id" uuid null, "action" varchar(255) not null, "target_user_id" uuid null, "resource_type" varchar(255) null, "resource_id" uuid null, "before" jsonb null, "after" jsonb null, "request_id" varchar(255) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_log_entries_organization_id_created_at_index" on "audit_log_entries" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "permissions" ("id" uuid not null, "name" varchar(255) not null, "resource_type" varchar(255) not null, "description" text not null, primary key ("id"));`,
    );
    this.addSql(`alter table "permissions" add constraint "permissions_name_unique" unique ("name");`);

    this.addSql(
      `create table "roles" ("id" uuid not null, "name" varchar(255) not null, "description" text null, "resource_type" varchar(255) not null, "built_in" boolean not null default false, "organization_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "roles" add constraint "roles_organization_id_name_unique" unique ("organization_id", "name");`);

    this.addSql(
      `create table "organizations" ("id" uuid not null, "login" varchar(255) not null, "name" varchar(255) not null, "billing_email" varchar(255) null, "default_repository_role_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "organizations" add constraint "organizations_login_unique" unique ("login");`);

    this.addSql(
      `create table "repositories" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(255) not null, "description" text null, "readme" text null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "repositories" add constraint "repositories_organization_id_name_unique" unique ("organization_id", "name");`);

    this.addSql(
      `create table "role_permissions" ("role_id" uuid not null, "permission_id" uuid not null, primary key ("role_id", "permission_id"));`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "login" varchar(255) not null, "name" varchar(255) not null, "email" varchar(255) not null, "password_hash" varchar(255) not null, "authz_version" int not null default 1, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_login_unique" unique ("login");`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "role_assignments" ("id" uuid not null, "user_id" uuid not null, "role_id" uuid not null, "resource_type" varchar(255) not null, "resource_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "role_assignments_resource_type_resource_id_index" on "role_assignments" ("resource_type", "resource_id");`);
    this.addSql(`create index "role_assignments_role_id_index" on "role_assignments" ("role_id");`);
    this.addSql(
      `alter table "role_assignments" add constraint "role_assignments_user_id_resource_type_resource_id_unique" unique ("user_id", "resource_type", "resource_id");`,
    );

    this.addSql(
      `create table "issues" ("id" uuid not null, "repository_id" uuid not null, "number" int not null, "title" varchar(255) not null, "body" text null, "state" text not null default 'OPEN', "author_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "issues" add constraint "issues_repository_id_number_unique" unique ("repository_id", "number");`);
    this.addSql(`alter table "issues" add constraint "issues_state_check" check ("state" in ('OPEN', 'CLOSED'));`);

    this.addSql(
      `create table "workflow_runs" ("id" uuid not null, "repository_id" uuid not null, "workflow" varchar(255) not null, "triggered_by_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `alter table "roles" add constraint "roles_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "organizations" add constraint "organizations_default_repository_role_id_foreign" foreign key ("default_repository_role_id") references "roles" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "repositories" add constraint "repositories_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "role_permissions" add constraint "role_permissions_role_id_foreign" foreign key ("role_id") references "roles" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "role_permissions" add constraint "role_permissions_permission_id_foreign" foreign key ("permission_id") references "permissions" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "role_assignments" add constraint "role_assignments_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "role_assignments" add constraint "role_assignments_role_id_foreign" foreign key ("role_id") references "roles" ("id");`,
    );

    this.addSql(
      `alter table "issues" add constraint "issues_repository_id_foreign" foreign key ("repository_id") references "repositories" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "issues" add constraint "issues_author_id_foreign" foreign key ("author_id") references "users" ("id");`);

    this.addSql(
      `alter table "workflow_runs" add constraint "workflow_runs_repository_id_foreign" foreign key ("repository_id") references "repositories" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "workflow_runs" add constraint "workflow_runs_triggered_by_id_foreign" foreign key ("triggered_by_id") references "users" ("id");`,
    );
    // Built-in roles have no organization; their names are unique among themselves.
    this.addSql(`create unique index "roles_built_in_name_unique" on "roles" ("name") where "organization_id" is null;`);
    this.addSql(`create index "workflow_runs_repository_id_index" on "workflow_runs" ("repository_id", "created_at");`);
    // The audit log is append-only whatever role connects.
    this.addSql(
      `create function "audit_log_entries_refuse_change"() returns trigger language plpgsql as $$ begin raise exception 'audit_log_entries is append-only'; end; $$;`,
    );
    this.addSql(
      `create trigger "audit_log_entries_append_only" before update or delete on "audit_log_entries" for each row execute function "audit_log_entries_refuse_change"();`,
    );
  }
}
