import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys: one row per viewer and `Idempotency-Key` of a mutation request, with the
 * request's fingerprint, the attempt running it (and until when), when its change committed, and
 * the answer to replay. Kept 24 hours (the expiry sweep deletes older rows).
 */
export class Migration20261206050000 extends Migration {
  override name = 'Migration20261206050000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "idempotency_keys" ("id" uuid not null, "viewer_id" uuid not null, "key" varchar(255) not null, "fingerprint" varchar(64) not null, "attempt_id" uuid null, "lease_until" timestamptz null, "committed_at" timestamptz null, "response_status" int null, "response_body" jsonb null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "idempotency_keys" add constraint "idempotency_keys_viewer_id_key_unique" unique ("viewer_id", "key");`);
    // What the expiry sweep looks for.
    this.addSql(`create index "idempotency_keys_created_at_index" on "idempotency_keys" ("created_at");`);
    this.addSql(
      `alter table "idempotency_keys" add constraint "idempotency_keys_viewer_id_foreign" foreign key ("viewer_id") references "users" ("id") on delete cascade;`,
    );
  }
}
