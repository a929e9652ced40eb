import { Migration } from '@mikro-orm/migrations';

/** Grants remember when their expiry was written to the audit log. */
export class Migration20261122060000 extends Migration {
  override name = 'Migration20261122060000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "permission_grants" add column "expiry_audited_at" timestamptz null;`);
    this.addSql(
      `create index "permission_grants_expiry_index" on "permission_grants" ("expires_at") where "expiry_audited_at" is null and "revoked_at" is null;`,
    );
  }
}
