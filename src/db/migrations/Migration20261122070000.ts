import { Migration } from '@mikro-orm/migrations';

/** Rollout from a legacy permission system: its per-user flags, and the disagreements shadow mode records. */
export class Migration20261122070000 extends Migration {
  override name = 'Migration20261122070000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "legacy_permission_flags" ("id" uuid not null, "user_id" uuid not null, "flag" varchar(255) not null, "scope_type" varchar(255) null, "scope_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "legacy_permission_flags_user_id_index" on "legacy_permission_flags" ("user_id");`);
    this.addSql(
      `create unique index "legacy_permission_flags_unique" on "legacy_permission_flags" ("user_id", "flag", coalesce("scope_type", ''), coalesce("scope_id", '00000000-0000-0000-0000-000000000000'));`,
    );
    this.addSql(
      `alter table "legacy_permission_flags" add constraint "legacy_permission_flags_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `create table "authz_disagreements" ("id" uuid not null, "user_id" uuid not null, "operation_name" varchar(255) null, "coordinate" varchar(255) not null, "permission" varchar(255) not null, "resource_type" varchar(255) not null, "resource_id" uuid not null, "legacy_allowed" boolean not null, "new_allowed" boolean not null, "explanation" jsonb null, "request_id" varchar(255) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "authz_disagreements_coordinate_index" on "authz_disagreements" ("coordinate", "legacy_allowed");`);
  }
}
