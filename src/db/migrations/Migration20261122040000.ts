import { Migration } from '@mikro-orm/migrations';

/** Exceptions: direct, expiring permission grants. */
export class Migration20261122040000 extends Migration {
  override name = 'Migration20261122040000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "permission_grants" ("id" uuid not null, "user_id" uuid not null, "permission" varchar(255) not null, "resource_type" varchar(255) not null, "resource_id" uuid not null, "organization_id" uuid not null, "reason" text not null, "expires_at" timestamptz not null, "granted_by_id" uuid null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create index "permission_grants_user_id_resource_type_resource_id_index" on "permission_grants" ("user_id", "resource_type", "resource_id");`,
    );
    this.addSql(`create index "permission_grants_organization_id_index" on "permission_grants" ("organization_id");`);
    this.addSql(
      `alter table "permission_grants" add constraint "permission_grants_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "permission_grants" add constraint "permission_grants_granted_by_id_foreign" foreign key ("granted_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "permission_grants" add constraint "permission_grants_revoked_by_id_foreign" foreign key ("revoked_by_id") references "users" ("id") on delete set null;`,
    );
  }
}
