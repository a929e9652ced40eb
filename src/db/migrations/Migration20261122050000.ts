import { Migration } from '@mikro-orm/migrations';

/** Suspension: a suspended user is refused on every request. */
export class Migration20261122050000 extends Migration {
  override name = 'Migration20261122050000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "users" add column "suspended_at" timestamptz null;`);
  }
}
