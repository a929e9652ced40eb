import { Migration } from '@mikro-orm/migrations';

/** Access requests: one permission on one resource asked for with a reason, then approved (a grant) or denied. */
export class Migration20261130030000 extends Migration {
  override name = 'Migration20261130030000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "access_requests" ("id" uuid not null, "requester_id" uuid not null, "permission" varchar(255) not null, "resource_type" varchar(255) not null, "resource_id" uuid not null, "resource_name" text not null, "organization_id" uuid not null, "reason" text not null, "status" varchar(255) not null, "created_at" timestamptz not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" text null, "grant_id" uuid null, primary key ("id"), constraint "access_requests_status_check" check ("status" in ('pending', 'approved', 'denied')));`,
    );
    this.addSql(
      `create index "access_requests_organization_id_status_created_at_index" on "access_requests" ("organization_id", "status", "created_at");`,
    );
    this.addSql(`create index "access_requests_requester_id_created_at_index" on "access_requests" ("requester_id", "created_at");`);
    // One pending request per user, permission and resource: two identical requests racing cannot both land.
    this.addSql(
      `create unique index "access_requests_one_pending" on "access_requests" ("requester_id", "permission", "resource_id") where "status" = 'pending';`,
    );
    this.addSql(
      `alter table "access_requests" add constraint "access_requests_requester_id_foreign" foreign key ("requester_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "access_requests" add constraint "access_requests_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "access_requests" add constraint "access_requests_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on delete cascade;`,
    );
  }
}
