import { Migration } from '@mikro-orm/migrations';

/** Access reviews: a snapshot of every item of access in an organization, each kept or revoked by a reviewer, or by the due date. */
export class Migration20261206010000 extends Migration {
  override name = 'Migration20261206010000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "access_reviews" ("id" uuid not null, "organization_id" uuid not null, "started_by_id" uuid null, "created_at" timestamptz not null, "due_at" timestamptz not null, "when_undecided" varchar(255) not null, "closed_at" timestamptz null, primary key ("id"), constraint "access_reviews_when_undecided_check" check ("when_undecided" in ('keep', 'revoke')));`,
    );
    this.addSql(`create index "access_reviews_organization_id_created_at_index" on "access_reviews" ("organization_id", "created_at");`);
    // What the due-date sweep looks for: open reviews by due date.
    this.addSql(`create index "access_reviews_open_due_at_index" on "access_reviews" ("due_at") where "closed_at" is null;`);
    this.addSql(
      `create table "access_review_items" ("id" uuid not null, "review_id" uuid not null, "organization_id" uuid not null, "position" int not null, "user_id" uuid not null, "kind" varchar(255) not null, "assignment_id" uuid null, "role_id" uuid null, "role_name" varchar(255) null, "custom_role" boolean not null, "grant_id" uuid null, "permission" varchar(255) null, "expires_at" timestamptz null, "resource_type" varchar(255) not null, "resource_id" uuid not null, "resource_name" text not null, "decision" varchar(255) null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decided_by_name" varchar(255) null, "note" text null, "removed" boolean null, primary key ("id"), constraint "access_review_items_kind_check" check ("kind" in ('membership', 'repository_role', 'grant')), constraint "access_review_items_decision_check" check ("decision" in ('keep', 'revoke')));`,
    );
    this.addSql(`create index "access_review_items_review_id_decision_index" on "access_review_items" ("review_id", "decision");`);
    this.addSql(
      `alter table "access_review_items" add constraint "access_review_items_review_id_position_unique" unique ("review_id", "position");`,
    );
    this.addSql(
      `alter table "access_reviews" add constraint "access_reviews_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "access_reviews" add constraint "access_reviews_started_by_id_foreign" foreign key ("started_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "access_review_items" add constraint "access_review_items_review_id_foreign" foreign key ("review_id") references "access_reviews" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "access_review_items" add constraint "access_review_items_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "access_review_items" add constraint "access_review_items_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "access_review_items" add constraint "access_review_items_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on delete set null;`,
    );
  }
}
